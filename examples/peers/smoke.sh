#!/bin/sh
# smoke.sh PEER: the C++ peer answers the worked example (the test the examples suite runs).
echo '{"id":0,"measure":"kl","p":[0.5,0.5],"q":[0.7,0.3]}' | "$1" | grep -q '"value":0.0822828785'
