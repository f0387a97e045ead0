// tools/fuzz/fuzz_eval_line.cpp: libFuzzer target for one line of `gibbs eval`.
//
// Beyond "no crash, no sanitizer report", every answer must itself be one valid JSON object on one
// line, holding either an "error" string or a "value" with hex, lo, hi and exact: that is the
// contract the users of `gibbs eval` parse.
#include "eval_line.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void broken(const char* why, const std::string& out) {
  std::fprintf(stderr, "eval_line broke its contract: %s\nanswer: %.500s\n", why, out.c_str());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const std::string out = gibbs::cli::eval_line(line, 1);
  if (out.find('\n') != std::string::npos) broken("the answer spans several lines", out);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(out);
  } catch (const nlohmann::json::exception&) {
    broken("the answer is not valid JSON", out);
  }
  if (!j.is_object()) broken("the answer is not an object", out);
  if (j.contains("id") && !j["id"].is_string() && !j["id"].is_number_integer())
    broken("the id is neither a string nor an integer", out);
  if (j.contains("error")) {
    if (j.size() != 1u + j.contains("id") || !j["error"].is_string())
      broken("an error answer has other keys", out);
    if (j["error"].get<std::string>().rfind("line 1: ", 0) != 0)
      broken("an error does not start with its line number", out);
    return 0;
  }
  for (const char* k : {"value", "hex", "lo", "hi", "exact"})
    if (!j.contains(k)) broken("a result lacks a key", out);
  if (!j["exact"].is_boolean()) broken("exact is not a boolean", out);
  if (!j["hex"].is_string() || !j["lo"].is_string() || !j["hi"].is_string())
    broken("hex, lo or hi is not a string", out);
  if (!j["value"].is_number() && !j["value"].is_string()) broken("value has a wrong type", out);
  return 0;
}
