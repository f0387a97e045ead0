// gibbs/conformance/process.hpp: runs an implementation under test as a child process (POSIX):
// `/bin/sh -c COMMAND` with pipes on stdin, stdout and stderr, feeds it lines, collects its output
// lines — and survives whatever it does: crashing (exit status or signal), hanging (killed, with
// its whole process group, at the deadline), flooding its output (killed past a byte limit),
// closing its input early, or printing garbage. It never blocks: one poll() loop writes and reads
// all pipes without blocking.
//
//   auto r = gibbs::conformance::run_process("python3 peer.py", lines, {.timeout_seconds = 60});
//   // r.output_lines, r.exit_code / r.signal, r.timed_out, r.stderr_tail
#ifndef GIBBS_CONFORMANCE_PROCESS_HPP
#define GIBBS_CONFORMANCE_PROCESS_HPP

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gibbs::conformance {

/// Limits of one run.
struct process_options {
  double timeout_seconds = 120;            ///< wall-clock limit of the whole run
  double grace_seconds = 5;                ///< after the last expected line: time left to exit
  std::size_t expected_lines = 0;          ///< once this many lines are in, start the grace period
  std::size_t max_output_bytes = 1u << 28; ///< more stdout than this is a flood: killed
  std::size_t stderr_tail_bytes = 4096;    ///< how much of the end of stderr is kept
};

/// What happened.
struct process_result {
  std::vector<std::string> output_lines; ///< stdout split at '\n' (a last unterminated line too)
  bool started = false;                  ///< the shell could be spawned
  bool exited = false;                   ///< it exited normally (exit_code is valid)
  int exit_code = -1;
  int signal = 0;                  ///< the signal that ended it (after a kill: SIGKILL)
  bool timed_out = false;          ///< killed at the deadline
  bool flooded = false;            ///< killed for printing more than max_output_bytes
  bool input_closed_early = false; ///< it stopped reading before all input was written
  double seconds = 0;              ///< wall-clock time of the run
  std::string stderr_tail;
  std::string error; ///< why it could not be started
};

namespace detail {

class fd_guard {
public:
  explicit fd_guard(int fd = -1) : fd_(fd) {}
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  ~fd_guard() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

private:
  int fd_;
};

inline bool make_pipe(fd_guard& read_end, fd_guard& write_end) {
  int fds[2];
  if (::pipe(fds) != 0) return false;
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  return true;
}

inline void set_nonblocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/// Blocks SIGPIPE in this thread for its lifetime (a write to a closed pipe then fails with EPIPE
/// instead of killing us), and swallows a SIGPIPE that became pending meanwhile.
class sigpipe_blocker {
public:
  sigpipe_blocker() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  sigpipe_blocker(const sigpipe_blocker&) = delete;
  sigpipe_blocker& operator=(const sigpipe_blocker&) = delete;
  ~sigpipe_blocker() {
    if (!was_pending_) {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGPIPE);
      const timespec zero{0, 0};
      while (sigtimedwait(&set, nullptr, &zero) > 0) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

private:
  sigset_t old_;
  bool was_pending_ = false;
};

} // namespace detail

/// Runs `/bin/sh -c command`, writes `input` (each line followed by '\n') to its stdin, closes it,
/// and collects stdout lines until it exits or the limits are hit; the child is put in its own
/// process group, and the whole group is killed with SIGKILL on a timeout or flood (so that a
/// shell's children do not outlive it).
[[nodiscard]] inline process_result run_process(const std::string& command,
                                                const std::vector<std::string>& input,
                                                const process_options& o = {}) {
  using clock = std::chrono::steady_clock;
  process_result r;
  const auto start = clock::now();
  detail::sigpipe_blocker no_sigpipe;

  detail::fd_guard in_r, in_w, out_r, out_w, err_r, err_w;
  if (!detail::make_pipe(in_r, in_w) || !detail::make_pipe(out_r, out_w)
      || !detail::make_pipe(err_r, err_w)) {
    r.error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&fa, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&fa, err_w.get(), 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty, def;
  sigemptyset(&empty);
  sigemptyset(&def);
  sigaddset(&def, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &def);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  std::string sh = "/bin/sh", dash_c = "-c", cmd = command;
  char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};
  const int rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    r.error = std::string("posix_spawn: ") + std::strerror(rc);
    return r;
  }
  r.started = true;
  in_r.reset();
  out_w.reset();
  err_w.reset();
  detail::set_nonblocking(in_w.get());
  detail::set_nonblocking(out_r.get());
  detail::set_nonblocking(err_r.get());

  std::string pending; // input not yet written
  for (const auto& line : input) {
    pending += line;
    pending += '\n';
  }
  std::size_t written = 0;
  if (pending.empty()) in_w.reset();
  std::string out_partial, err_buf;
  std::size_t out_bytes = 0;
  bool out_open = true, err_open = true, reaped = false;
  int status = 0;
  const auto deadline = start
                        + std::chrono::duration_cast<clock::duration>(
                            std::chrono::duration<double>(o.timeout_seconds));
  auto grace_deadline = clock::time_point::max();
  bool killed = false;

  const auto kill_group = [&] {
    if (!killed) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      killed = true;
    }
  };

  char buf[65536];
  while (out_open || err_open || !reaped) {
    const auto now = clock::now();
    if (!killed && now >= deadline) {
      r.timed_out = true;
      kill_group();
    }
    if (!killed && now >= grace_deadline) kill_group();
    if (!reaped) {
      const pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) {
        reaped = true;
        // The shell is gone; anything it left in its group that keeps our pipes open is killed
        // once the pipes stay open past the deadline (below).
      }
    }
    if (reaped && !out_open && !err_open) break;

    pollfd fds[3];
    nfds_t n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) {
      fds[n] = {out_r.get(), POLLIN, 0};
      out_i = static_cast<int>(n++);
    }
    if (err_open) {
      fds[n] = {err_r.get(), POLLIN, 0};
      err_i = static_cast<int>(n++);
    }
    if (in_w.get() >= 0) {
      fds[n] = {in_w.get(), POLLOUT, 0};
      in_i = static_cast<int>(n++);
    }
    int wait_ms = 50;
    if (killed && reaped && (out_open || err_open)) {
      // Killed and reaped, but a grandchild outside the group still holds a pipe: stop reading.
      break;
    }
    if (n == 0) {
      ::usleep(10000);
      continue;
    }
    const int pr = ::poll(fds, n, wait_ms);
    if (pr < 0 && errno != EINTR) break;
    if (pr <= 0) continue;
    if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const ssize_t k = ::write(in_w.get(), pending.data() + written, pending.size() - written);
      if (k > 0) {
        written += static_cast<std::size_t>(k);
        if (written == pending.size()) {
          in_w.reset();
          std::string().swap(pending);
        }
      } else if (k < 0 && errno != EAGAIN && errno != EINTR) {
        r.input_closed_early = true; // EPIPE: it stopped reading
        in_w.reset();
      }
    }
    if (out_i >= 0 && (fds[out_i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t k = ::read(out_r.get(), buf, sizeof buf);
      if (k > 0) {
        out_bytes += static_cast<std::size_t>(k);
        out_partial.append(buf, static_cast<std::size_t>(k));
        std::size_t pos;
        while ((pos = out_partial.find('\n')) != std::string::npos) {
          r.output_lines.push_back(out_partial.substr(0, pos));
          out_partial.erase(0, pos + 1);
        }
        if (o.expected_lines > 0 && r.output_lines.size() >= o.expected_lines
            && grace_deadline == clock::time_point::max())
          grace_deadline = clock::now()
                           + std::chrono::duration_cast<clock::duration>(
                               std::chrono::duration<double>(o.grace_seconds));
        if (out_bytes > o.max_output_bytes) {
          r.flooded = true;
          kill_group();
          out_open = false;
        }
      } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
        out_open = false;
      }
    }
    if (err_i >= 0 && (fds[err_i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t k = ::read(err_r.get(), buf, sizeof buf);
      if (k > 0) {
        err_buf.append(buf, static_cast<std::size_t>(k));
        if (err_buf.size() > 2 * o.stderr_tail_bytes)
          err_buf.erase(0, err_buf.size() - o.stderr_tail_bytes);
      } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
        err_open = false;
      }
    }
  }
  if (!reaped) {
    // Pipes closed but the child lives on (it closed stdout and hangs): wait until the deadline.
    while (true) {
      const pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) break;
      if (w < 0) break;
      if (!killed && clock::now() >= deadline) {
        r.timed_out = true;
        kill_group();
      }
      if (!killed && clock::now() >= grace_deadline) kill_group();
      ::usleep(10000);
    }
  }
  ::kill(-pid, SIGKILL); // leftovers of its group, if any (the group may already be gone)
  if (!out_partial.empty() && !r.flooded) r.output_lines.push_back(out_partial);
  if (err_buf.size() > o.stderr_tail_bytes) err_buf.erase(0, err_buf.size() - o.stderr_tail_bytes);
  r.stderr_tail = std::move(err_buf);
  if (in_w.get() >= 0 && written < pending.size()) r.input_closed_early = true;
  if (WIFEXITED(status)) {
    r.exited = true;
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return r;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_PROCESS_HPP
