/*
 * skiff-shim: the per-container supervisor of skiff's `process` container runtime, plus a small
 * exec server used for cheap exec probes.
 *
 *   skiff-shim run --id ID --state-dir DIR --exits-dir DIR --log FILE
 *                  [--cwd DIR] [--max-line N] [--pid-ns] [--daemon] -- ARGV...
 *   skiff-shim exec-server
 *   skiff-shim --version
 *
 * `run` (started detached, in its own session, by the runtime) forks ARGV into its own process
 * group with the shim's environment, writes the container's stdout/stderr to FILE (creating its
 * directory if need be) in the CRI log format, writes started.json (pid, start time) once the exec succeeded, waits for the
 * process, records exit.json (write temp + rename) and creates EXITS/ID to notify the runtime.
 * It answers the runtime on fd 1 with one line, `ok <pid> <started.json's record>` or
 * `err <message>`, then closes it.
 * SIGUSR1 makes it reopen FILE (log rotation). With --pid-ns (root only) ARGV runs as PID 1 of a
 * new PID namespace, so signals behave as in a container: PID 1 ignores SIGTERM unless it
 * installs a handler (a shell script does not), and only SIGKILL from outside stops it.
 * With --daemon the shim starts its own session and logs its own diagnostics to STATE/shim.log.
 *
 * `exec-server` reads framed run/cancel requests on stdin and answers framed results on stdout
 * (see the runtime's exec-helper.ts for the frame layout). It exits, killing what it runs,
 * when stdin closes. A "shim" request (kind 3) carries a `skiff-shim run --daemon` command line:
 * a forked child becomes that shim without an exec, and the answer is the shim's output (its
 * handshake says whether the container runs), sent when that output ends; the shim lives on and
 * is only reaped. A few start per CPU at a time, the rest queued in order. A "files" request (kind 4) makes
 * directories and writes small files atomically, for the runtime's state.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHIM_VERSION "0.1.0"
#define DEFAULT_MAX_LINE 16384
#define READ_CHUNK 4096
#define DRAIN_MS 2000
#define MSG_MAX 1024

extern char **environ;

/* ---------- small utilities ---------- */

static int64_t now_realtime_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t now_mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Formats ns since the epoch like Go's time.RFC3339Nano in UTC (trailing zeros trimmed). */
static size_t format_rfc3339nano(int64_t ns, char *out, size_t cap) {
  time_t sec = (time_t)(ns / 1000000000LL);
  long frac = (long)(ns % 1000000000LL);
  struct tm tm;
  gmtime_r(&sec, &tm);
  size_t n = strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
  if (frac > 0) {
    char digits[16];
    snprintf(digits, sizeof digits, "%09ld", frac);
    int end = 9;
    while (end > 0 && digits[end - 1] == '0') end--;
    digits[end] = '\0';
    n += (size_t)snprintf(out + n, cap - n, ".%s", digits);
  }
  n += (size_t)snprintf(out + n, cap - n, "Z");
  return n;
}

static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t w = write(fd, p, len);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

/* Go-style error text: strerror with a lower-case first letter ("no such file or directory"). */
static void err_text(int err, char *out, size_t cap) {
  snprintf(out, cap, "%s", strerror(err));
  if (out[0] >= 'A' && out[0] <= 'Z') out[0] = (char)(out[0] - 'A' + 'a');
}

/* Appends s as a JSON string literal (with quotes) to out. */
static void json_str(char *out, size_t cap, const char *s) {
  size_t n = strlen(out);
  if (n + 2 >= cap) return;
  out[n++] = '"';
  for (const unsigned char *p = (const unsigned char *)s; *p && n + 8 < cap; p++) {
    if (*p == '"' || *p == '\\') {
      out[n++] = '\\';
      out[n++] = (char)*p;
    } else if (*p < 0x20) {
      n += (size_t)snprintf(out + n, cap - n, "\\u%04x", *p);
    } else {
      out[n++] = (char)*p;
    }
  }
  out[n++] = '"';
  out[n] = '\0';
}

/*
 * Writes content to dir/name via a temp file and rename, so readers never see a partial file.
 * No fsync: the records must survive the runtime being killed, not a power cut (after which the
 * containers are gone too), and an fsync per container start serialises on the journal.
 */
static int write_file_atomic(const char *dir, const char *name, const char *content) {
  char tmp[4096], final[4096];
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
  snprintf(final, sizeof final, "%s/%s", dir, name);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  int rc = write_all(fd, content, strlen(content));
  close(fd);
  if (rc == 0) rc = rename(tmp, final);
  return rc;
}

/* write_file_atomic for a whole path (its directory must exist). */
static int write_path_atomic(const char *path, const char *content) {
  char dir[4096];
  if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
    errno = ENAMETOOLONG;
    return -1;
  }
  char *slash = strrchr(dir, '/');
  if (!slash) return write_file_atomic(".", dir, content);
  *slash = '\0';
  return write_file_atomic(slash == dir ? "/" : dir, slash + 1, content);
}

/* Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot (pid-reuse guard). */
static unsigned long long proc_start_time(pid_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  char *p = strrchr(buf, ')');
  if (!p) return 0;
  p++;
  for (int field = 3; field < 22 && p; field++) p = strchr(p + 1, ' ');
  return p ? strtoull(p + 1, NULL, 10) : 0;
}

static void close_fds_from(int lowfd) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, lowfd, ~0U, 0) == 0) return;
#endif
  for (int fd = lowfd; fd < 4096; fd++) close(fd);
}

static void reset_signals_for_exec(void) {
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
}

static const char *env_lookup(char *const envp[], const char *key) {
  size_t kl = strlen(key);
  for (char *const *e = envp; e && *e; e++)
    if (strncmp(*e, key, kl) == 0 && (*e)[kl] == '=') return *e + kl + 1;
  return NULL;
}

/* Go's exec.findExecutable: a non-directory with some execute bit. */
static int find_executable(const char *path, int *err) {
  struct stat st;
  if (stat(path, &st) != 0) {
    *err = errno;
    return 0;
  }
  if (S_ISDIR(st.st_mode)) {
    *err = EISDIR;
    return 0;
  }
  if ((st.st_mode & 0111) == 0) {
    *err = EACCES;
    return 0;
  }
  return 1;
}

/*
 * Resolves argv[0] like runc (Go's exec.LookPath against the container's PATH) and execs it.
 * Only returns on failure: the exit code to use (127 not found, 126 otherwise) and a message.
 */
static int lookup_and_exec(char *const argv[], char *const envp[], char *msg, size_t cap) {
  const char *file = argv[0];
  char found[4096], et[96];
  int err = 0;
  if (strchr(file, '/')) {
    if (!find_executable(file, &err)) {
      err_text(err, et, sizeof et);
      if (err == ENOENT || err == ENOTDIR)
        snprintf(msg, cap, "exec: \"%s\": stat %s: %s", file, file, et);
      else
        snprintf(msg, cap, "exec: \"%s\": %s", file, et);
      return err == ENOENT ? 127 : 126;
    }
    snprintf(found, sizeof found, "%s", file);
  } else {
    const char *path = env_lookup(envp, "PATH");
    int ok = 0;
    const char *p = path ? path : "";
    while (*p && !ok) {
      const char *colon = strchr(p, ':');
      size_t dl = colon ? (size_t)(colon - p) : strlen(p);
      if (dl == 0)
        snprintf(found, sizeof found, "./%s", file);
      else
        snprintf(found, sizeof found, "%.*s/%s", (int)dl, p, file);
      ok = find_executable(found, &err);
      if (!colon) break;
      p = colon + 1;
    }
    if (!ok) {
      snprintf(msg, cap, "exec: \"%s\": executable file not found in $PATH", file);
      return 127;
    }
  }
  execve(found, argv, envp);
  err = errno;
  err_text(err, et, sizeof et);
  snprintf(msg, cap, "exec %.800s: %s", found, et);
  return err == ENOENT ? 127 : 126;
}

/*
 * In a freshly forked child: own process group, default signals, stdio from the given fds,
 * cwd, then exec. On failure the code and message go to errfd ("<code>\n<message>").
 */
static void child_exec(char *const argv[], char *const envp[], const char *cwd, int in, int out,
                       int err, int errfd) {
  char msg[MSG_MAX], et[256], frame[MSG_MAX + 16];
  int code;
  setpgid(0, 0);
  reset_signals_for_exec();
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
    err_text(errno, et, sizeof et);
    snprintf(msg, sizeof msg, "dup2: %s", et);
    code = 126;
  } else if (cwd && *cwd && chdir(cwd) != 0) {
    err_text(errno, et, sizeof et);
    snprintf(msg, sizeof msg, "chdir to cwd (\"%s\") set in config failed: %s", cwd, et);
    code = 126;
  } else {
    code = lookup_and_exec(argv, envp, msg, sizeof msg);
  }
  int n = snprintf(frame, sizeof frame, "%d\n%s", code, msg);
  write_all(errfd, frame, (size_t)n);
  _exit(code);
}

/* Reads the exec-status pipe to EOF: 0 when exec succeeded, else the failure code (msg set). */
static int read_exec_status(int fd, char *msg, size_t cap) {
  char buf[MSG_MAX + 16];
  size_t len = 0;
  for (;;) {
    ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += (size_t)n;
    if (len >= sizeof buf - 1) break;
  }
  buf[len] = '\0';
  if (len == 0) return 0;
  char *nl = strchr(buf, '\n');
  snprintf(msg, cap, "%s", nl ? nl + 1 : "");
  int code = atoi(buf);
  return code > 0 ? code : 126;
}

/* ---------- run mode: CRI log writer ---------- */

struct stream {
  int fd;
  const char *name;
  char *buf;
  size_t len;
};

static int g_logfd = -1;
static const char *g_logpath;
static size_t g_max_line = DEFAULT_MAX_LINE;

static void emit_line(struct stream *s, char tag, const char *content, size_t len) {
  char head[96];
  size_t h = format_rfc3339nano(now_realtime_ns(), head, sizeof head);
  h += (size_t)snprintf(head + h, sizeof head - h, " %s %c ", s->name, tag);
  struct iovec iov[3] = {
      {head, h}, {(void *)content, len}, {"\n", 1}};
  size_t total = h + len + 1;
  ssize_t w;
  do {
    w = writev(g_logfd, iov, 3);
  } while (w < 0 && errno == EINTR);
  if (w >= 0 && (size_t)w < total) {
    /* Short write (disk full or similar): finish it the slow way. */
    char *flat = malloc(total);
    if (flat) {
      memcpy(flat, head, h);
      memcpy(flat + h, content, len);
      flat[h + len] = '\n';
      write_all(g_logfd, flat + w, total - (size_t)w);
      free(flat);
    }
  }
}

/* Splits the stream into CRI lines like containerd: F per line, P for 16 KiB pieces. */
static void feed(struct stream *s, const char *data, size_t n) {
  while (n > 0) {
    const char *nl = memchr(data, '\n', n);
    size_t seg = nl ? (size_t)(nl - data) : n;
    while (seg > 0) {
      if (s->len == g_max_line) {
        emit_line(s, 'P', s->buf, s->len);
        s->len = 0;
      }
      size_t take = g_max_line - s->len;
      if (take > seg) take = seg;
      memcpy(s->buf + s->len, data, take);
      s->len += take;
      data += take;
      n -= take;
      seg -= take;
    }
    if (nl) {
      size_t l = s->len;
      if (l > 0 && s->buf[l - 1] == '\r') l--;
      emit_line(s, 'F', s->buf, l);
      s->len = 0;
      data++;
      n--;
    }
  }
}

static void flush_partial(struct stream *s) {
  if (s->len > 0) emit_line(s, 'P', s->buf, s->len);
  s->len = 0;
}

/* mkdir -p: creates dir and any missing parents; 0, or -1 with errno set. */
static int mkdir_p(const char *path, mode_t mode) {
  char dir[4096];
  if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (mkdir(dir, mode) == 0 || errno == EEXIST) return 0;
  if (errno != ENOENT) return -1;
  for (char *p = dir + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(dir, mode) != 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  return mkdir(dir, mode) == 0 || errno == EEXIST ? 0 : -1;
}

/* mkdir -p of the directory part of path (the runtime leaves creating a log's directory to us). */
static void make_parents(const char *path) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash || slash == dir) return;
  *slash = '\0';
  mkdir_p(dir, 0750);
}

static int open_log(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0 && errno == ENOENT) {
    make_parents(path);
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  }
  return fd;
}

/* ---------- run mode ---------- */

struct run_opts {
  const char *id, *state_dir, *exits_dir, *log, *cwd;
  char **argv;
  int pid_ns, daemon;
};

static void notify_exit(const struct run_opts *o) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", o->exits_dir, o->id);
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) close(fd);
}

static void handshake(const char *line) {
  write_all(1, line, strlen(line));
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (devnull >= 0) {
    dup2(devnull, 1);
    close(devnull);
  }
}

static void record_start_failure(const struct run_opts *o, pid_t pid, int code, const char *msg) {
  char json[MSG_MAX * 2 + 512], ts[64];
  int64_t ns = now_realtime_ns();
  format_rfc3339nano(ns, ts, sizeof ts);
  snprintf(json, sizeof json,
           "{\"pid\":%d,\"exitCode\":%d,\"signal\":0,\"finishedAtNs\":\"%lld\",\"finishedAt\":\"%s\","
           "\"startError\":",
           (int)pid, code, (long long)ns, ts);
  json_str(json, sizeof json, msg);
  strncat(json, "}\n", sizeof json - strlen(json) - 1);
  if (write_file_atomic(o->state_dir, "exit.json", json) != 0)
    fprintf(stderr, "skiff-shim: writing exit.json: %s\n", strerror(errno));
  notify_exit(o);
  char line[MSG_MAX + 16];
  snprintf(line, sizeof line, "err %s\n", msg);
  for (char *p = line + 4; *p && p[1]; p++)
    if (*p == '\n') *p = ' ';
  handshake(line);
}

/*
 * --daemon: the shim's own session, stdin from /dev/null and stderr to STATE/shim.log (which
 * closes a launcher's stderr pipe). The exec server, whose forked child becomes the shim, answers
 * once the handshake line has ended and does not wait for the shim.
 */
static void daemonize(const char *state_dir) {
  setsid();
  char path[4096];
  snprintf(path, sizeof path, "%s/shim.log", state_dir);
  int lf = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (lf >= 0) {
    dup2(lf, 2);
    close(lf);
  }
  int dn = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (dn >= 0) {
    dup2(dn, 0);
    close(dn);
  }
}

static int run_usage(void) {
  fprintf(stderr,
          "usage: skiff-shim run --id ID --state-dir DIR --exits-dir DIR --log FILE [--cwd DIR] "
          "[--max-line N] [--pid-ns] [--daemon] -- ARGV...\n");
  return 2;
}

static int shim_run(int argc, char **argv) {
  struct run_opts o = {0};
  int i;
  for (i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "--pid-ns") == 0) {
      o.pid_ns = 1;
      continue;
    }
    if (strcmp(a, "--daemon") == 0) {
      o.daemon = 1;
      continue;
    }
    if (i + 1 >= argc) return run_usage();
    if (strcmp(a, "--id") == 0) o.id = argv[++i];
    else if (strcmp(a, "--state-dir") == 0) o.state_dir = argv[++i];
    else if (strcmp(a, "--exits-dir") == 0) o.exits_dir = argv[++i];
    else if (strcmp(a, "--log") == 0) o.log = argv[++i];
    else if (strcmp(a, "--cwd") == 0) o.cwd = argv[++i];
    else if (strcmp(a, "--max-line") == 0) g_max_line = (size_t)strtoul(argv[++i], NULL, 10);
    else return run_usage();
  }
  if (!o.id || !o.state_dir || !o.exits_dir || !o.log || i >= argc || g_max_line == 0)
    return run_usage();
  o.argv = argv + i;
  g_logpath = o.log;

  if (o.daemon) daemonize(o.state_dir);

  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  close_fds_from(3);
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

  char msg[MSG_MAX], et[256];
  g_logfd = open_log(o.log);
  if (g_logfd < 0) {
    err_text(errno, et, sizeof et);
    snprintf(msg, sizeof msg, "open log file %s: %s", o.log, et);
    record_start_failure(&o, 0, 126, msg);
    return 1;
  }
  int outp[2], errp[2], statp[2];
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (pipe2(outp, O_CLOEXEC) || pipe2(errp, O_CLOEXEC) || pipe2(statp, O_CLOEXEC) || devnull < 0) {
    err_text(errno, et, sizeof et);
    snprintf(msg, sizeof msg, "pipe: %s", et);
    record_start_failure(&o, 0, 126, msg);
    return 1;
  }
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigaddset(&mask, SIGUSR1);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

  /* The next child becomes PID 1 of a new PID namespace; without the privilege, a plain group. */
  if (o.pid_ns && unshare(CLONE_NEWPID) != 0)
    fprintf(stderr, "skiff-shim: unshare(CLONE_NEWPID): %s (running without a PID namespace)\n", strerror(errno));
  int64_t started_ns = now_realtime_ns();
  pid_t pid = fork();
  if (pid < 0) {
    err_text(errno, et, sizeof et);
    snprintf(msg, sizeof msg, "fork: %s", et);
    record_start_failure(&o, 0, 126, msg);
    return 1;
  }
  if (pid == 0) child_exec(o.argv, environ, o.cwd, devnull, outp[1], errp[1], statp[1]);
  setpgid(pid, pid);
  close(outp[1]);
  close(errp[1]);
  close(statp[1]);
  close(devnull);
  int code = read_exec_status(statp[0], msg, sizeof msg);
  close(statp[0]);
  if (code != 0) {
    waitpid(pid, NULL, 0);
    record_start_failure(&o, pid, code, msg);
    return 0;
  }

  char json[1024], ts[64];
  format_rfc3339nano(started_ns, ts, sizeof ts);
  snprintf(json, sizeof json,
           "{\"pid\":%d,\"pidStartTime\":%llu,\"shimPid\":%d,\"shimStartTime\":%llu,"
           "\"startedAtNs\":\"%lld\",\"startedAt\":\"%s\"}\n",
           (int)pid, proc_start_time(pid), (int)getpid(), proc_start_time(getpid()),
           (long long)started_ns, ts);
  if (write_file_atomic(o.state_dir, "started.json", json) != 0)
    fprintf(stderr, "skiff-shim: writing started.json: %s\n", strerror(errno));
  /* The handshake carries started.json's record too, so the runtime need not read the file. */
  char line[sizeof json + 32];
  snprintf(line, sizeof line, "ok %d %s", (int)pid, json);
  handshake(line);

  struct stream streams[2] = {{outp[0], "stdout", malloc(g_max_line), 0},
                              {errp[0], "stderr", malloc(g_max_line), 0}};
  if (!streams[0].buf || !streams[1].buf) {
    fprintf(stderr, "skiff-shim: out of memory\n");
    return 1;
  }
  int exited = 0, exit_code = 0, exit_sig = 0;
  int64_t finished_ns = 0, drain_deadline = 0;
  char chunk[READ_CHUNK];
  for (;;) {
    if (exited && streams[0].fd < 0 && streams[1].fd < 0) break;
    int timeout = -1;
    if (exited) {
      int64_t left = drain_deadline - now_mono_ms();
      if (left <= 0) break;
      timeout = (int)left;
    }
    struct pollfd pfd[3] = {{streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}, {sfd, POLLIN, 0}};
    int pr = poll(pfd, 3, timeout);
    if (pr < 0 && errno != EINTR) break;
    for (int k = 0; k < 2; k++) {
      if (streams[k].fd < 0 || !(pfd[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(streams[k].fd, chunk, sizeof chunk);
      if (n > 0) {
        feed(&streams[k], chunk, (size_t)n);
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        flush_partial(&streams[k]);
        close(streams[k].fd);
        streams[k].fd = -1;
      }
    }
    if (!(pfd[2].revents & POLLIN)) continue;
    struct signalfd_siginfo si;
    while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
      if (si.ssi_signo == SIGUSR1) {
        int nfd = open_log(g_logpath);
        if (nfd >= 0) {
          dup3(nfd, g_logfd, O_CLOEXEC);
          close(nfd);
        }
      }
    }
    /* Reap: peek first, so the main pid (our process group id) stays reserved until the
     * group is killed; this emulates a container whose init died taking the rest with it. */
    for (;;) {
      siginfo_t info;
      memset(&info, 0, sizeof info);
      if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) break;
      if (info.si_pid == pid && !exited) {
        kill(-pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        finished_ns = now_realtime_ns();
        if (WIFEXITED(status)) {
          exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
          exit_sig = WTERMSIG(status);
          exit_code = 128 + exit_sig;
        }
        exited = 1;
        drain_deadline = now_mono_ms() + DRAIN_MS;
      } else {
        waitpid(info.si_pid, NULL, 0);
      }
    }
  }
  for (int k = 0; k < 2; k++) flush_partial(&streams[k]);

  format_rfc3339nano(finished_ns, ts, sizeof ts);
  snprintf(json, sizeof json,
           "{\"pid\":%d,\"exitCode\":%d,\"signal\":%d,\"finishedAtNs\":\"%lld\","
           "\"finishedAt\":\"%s\"}\n",
           (int)pid, exit_code, exit_sig, (long long)finished_ns, ts);
  if (write_file_atomic(o.state_dir, "exit.json", json) != 0)
    fprintf(stderr, "skiff-shim: writing exit.json: %s\n", strerror(errno));
  notify_exit(&o);
  return 0;
}

/*
 * A shim request served without an exec: the exec server's forked child becomes the shim (this
 * binary's `run`), saving an exec, a dynamic load and the daemonising fork per container.
 */
static char *g_argv1; /* main's argv[1] ("exec-server"), its memory what ps shows */

static void shim_child(char **argv, char **envp, int in, int out, int err) {
  reset_signals_for_exec();
  /* ps shows `skiff-shim run`, not a second exec server. */
  if (g_argv1) {
    size_t room = strlen(g_argv1);
    memset(g_argv1, 0, room);
    memcpy(g_argv1, "run", room < 3 ? room : 3);
  }
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
  environ = envp;
  int argc = 0;
  while (argv[argc]) argc++;
  int rc = shim_run(argc, argv);
  fflush(NULL);
  _exit(rc);
}

/* ---------- exec-server mode ---------- */

struct buf {
  char *data;
  size_t len, cap;
};

static void buf_append(struct buf *b, const void *p, size_t n, size_t limit) {
  if (limit && b->len + n > limit) n = b->len < limit ? limit - b->len : 0;
  if (n == 0) return;
  if (b->len + n > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 4096;
    while (nc < b->len + n) nc *= 2;
    char *nd = realloc(b->data, nc);
    if (!nd) return;
    b->data = nd;
    b->cap = nc;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

struct req {
  uint32_t id;
  pid_t pid;
  int fds[2];
  struct buf out[2];
  uint32_t max_output;
  int64_t deadline; /* monotonic ms; 0: none */
  int64_t drain_deadline;
  int exited, timed_out, exit_code, sig, start_failed, shim;
  char msg[MSG_MAX];
};

/*
 * Shim requests beyond a few per CPU wait here, in order: a hundred shims starting at once
 * would share the CPUs and all finish late; started a few at a time, each finishes early.
 */
struct pending_shim {
  char *payload;
  size_t len;
};
static struct pending_shim *g_shimq;
static size_t g_shimq_head, g_shimq_len, g_shimq_cap;
static size_t g_shims_running, g_shims_max;

static struct req **g_reqs;
static size_t g_nreqs, g_capreqs;

static void put_u32(struct buf *b, uint32_t v) { buf_append(b, &v, 4, 0); }

static void respond(struct req *r) {
  struct buf b = {0};
  uint32_t zero = 0;
  buf_append(&b, &zero, 4, 0); /* frame length, patched below */
  put_u32(&b, r->id);
  unsigned char kind = (unsigned char)(r->start_failed ? 1 : 0), to = (unsigned char)r->timed_out;
  buf_append(&b, &kind, 1, 0);
  buf_append(&b, &to, 1, 0);
  int32_t ec = r->exit_code, sg = r->sig;
  buf_append(&b, &ec, 4, 0);
  buf_append(&b, &sg, 4, 0);
  for (int k = 0; k < 2; k++) {
    put_u32(&b, (uint32_t)r->out[k].len);
    buf_append(&b, r->out[k].data, r->out[k].len, 0);
  }
  size_t ml = r->start_failed ? strlen(r->msg) : 0;
  put_u32(&b, (uint32_t)ml);
  buf_append(&b, r->msg, ml, 0);
  uint32_t flen = (uint32_t)(b.len - 4);
  memcpy(b.data, &flen, 4);
  write_all(1, b.data, b.len);
  free(b.data);
}

static void free_req(struct req *r) {
  for (int k = 0; k < 2; k++) {
    if (r->fds[k] >= 0) close(r->fds[k]);
    free(r->out[k].data);
  }
  free(r);
}

/* Parses one request payload and starts it; malformed frames are ignored. */
struct reader {
  const char *p;
  size_t left;
  int bad;
};

static uint32_t rd_u32(struct reader *r) {
  uint32_t v = 0;
  if (r->left < 4) {
    r->bad = 1;
    return 0;
  }
  memcpy(&v, r->p, 4);
  r->p += 4;
  r->left -= 4;
  return v;
}

static char *rd_str(struct reader *r) {
  uint32_t n = rd_u32(r);
  if (r->bad || r->left < n) {
    r->bad = 1;
    return NULL;
  }
  char *s = malloc((size_t)n + 1);
  if (!s) {
    r->bad = 1;
    return NULL;
  }
  memcpy(s, r->p, n);
  s[n] = '\0';
  r->p += n;
  r->left -= n;
  return s;
}

static char **rd_strv(struct reader *r) {
  uint32_t n = rd_u32(r);
  if (r->bad || n > r->left / 4) {
    r->bad = 1;
    return NULL;
  }
  char **v = calloc((size_t)n + 1, sizeof *v);
  if (!v) {
    r->bad = 1;
    return NULL;
  }
  for (uint32_t i = 0; i < n && !r->bad; i++) v[i] = rd_str(r);
  return v;
}

static void free_strv(char **v) {
  for (char **p = v; p && *p; p++) free(*p);
  free(v);
}

static void start_request(const char *payload, size_t len, int dequeued);

static void queue_shim(const char *payload, size_t len) {
  if (g_shimq_head > 0 && g_shimq_head == g_shimq_len) g_shimq_head = g_shimq_len = 0;
  if (g_shimq_len == g_shimq_cap) {
    g_shimq_cap = g_shimq_cap ? g_shimq_cap * 2 : 64;
    g_shimq = realloc(g_shimq, g_shimq_cap * sizeof *g_shimq);
  }
  char *copy = malloc(len);
  memcpy(copy, payload, len);
  g_shimq[g_shimq_len++] = (struct pending_shim){copy, len};
}

static void start_queued_shims(void) {
  while (g_shimq_head < g_shimq_len && g_shims_running < g_shims_max) {
    struct pending_shim q = g_shimq[g_shimq_head++];
    start_request(q.payload, q.len, 1);
    free(q.payload);
  }
}

/*
 * A "files" request (kind 4): the runtime's small state writes, done here, in order and off its
 * event loop. Each step is u8 1 (mkdir -p PATH) or u8 2 (write PATH with CONTENT via a temp file
 * and rename); the first failing step ends the request with its error.
 */
static void run_files(struct reader *rd) {
  struct req r = {0};
  r.fds[0] = r.fds[1] = -1;
  r.id = rd_u32(rd);
  uint32_t n = rd_u32(rd);
  for (uint32_t i = 0; i < n && !rd->bad && !r.start_failed; i++) {
    unsigned char op = 0;
    if (rd->left < 1) rd->bad = 1;
    else {
      op = (unsigned char)rd->p[0];
      rd->p++;
      rd->left--;
    }
    char *path = rd_str(rd);
    char *content = op == 2 ? rd_str(rd) : NULL;
    if (rd->bad || !path || (op != 1 && op != 2) || (op == 2 && !content)) {
      rd->bad = 1;
    } else if (op == 1 ? mkdir_p(path, 0777) != 0 : write_path_atomic(path, content) != 0) {
      r.start_failed = 1;
      snprintf(r.msg, sizeof r.msg, "%s %s: %s", op == 1 ? "mkdir" : "write", path, strerror(errno));
    }
    free(path);
    free(content);
  }
  if (rd->bad && !r.start_failed) {
    r.start_failed = 1;
    snprintf(r.msg, sizeof r.msg, "malformed files request");
  }
  if (r.start_failed) r.exit_code = 1;
  respond(&r);
}

static void start_request(const char *payload, size_t len, int dequeued) {
  if (payload[0] == 3 && !dequeued && (g_shims_running >= g_shims_max || g_shimq_head < g_shimq_len)) {
    queue_shim(payload, len);
    return;
  }
  struct reader rd = {payload + 1, len - 1, 0};
  if (payload[0] == 2) { /* cancel */
    uint32_t id = rd_u32(&rd);
    for (size_t i = 0; !rd.bad && i < g_nreqs; i++)
      if (g_reqs[i]->id == id && !g_reqs[i]->exited) kill(-g_reqs[i]->pid, SIGKILL);
    return;
  }
  unsigned char kind = (unsigned char)payload[0];
  if (kind == 4) {
    run_files(&rd);
    return;
  }
  if (kind != 1 && kind != 3) return;
  struct req *r = calloc(1, sizeof *r);
  if (!r) return;
  r->fds[0] = r->fds[1] = -1;
  r->id = rd_u32(&rd);
  uint32_t timeout_ms = rd_u32(&rd);
  r->max_output = rd_u32(&rd);
  char *cwd = rd_str(&rd);
  char **argv = rd_strv(&rd);
  char **envp = rd_strv(&rd);
  /* A shim request is always `<skiff-shim> run ...`, served by this binary without an exec. */
  if (rd.bad || !argv || !argv[0] || (kind == 3 && (!argv[1] || strcmp(argv[1], "run") != 0))) {
    r->start_failed = 1;
    r->exit_code = 126;
    snprintf(r->msg, sizeof r->msg, "malformed exec request");
    respond(r);
    free_req(r);
  } else {
    int outp[2] = {-1, -1}, errp[2] = {-1, -1}, statp[2] = {-1, -1};
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0 || pipe2(outp, O_CLOEXEC) || pipe2(errp, O_CLOEXEC) ||
        pipe2(statp, O_CLOEXEC)) {
      int fds[6] = {outp[0], outp[1], errp[0], errp[1], statp[0], statp[1]};
      for (int k = 0; k < 6; k++)
        if (fds[k] >= 0) close(fds[k]);
      r->start_failed = 1;
      r->exit_code = 126;
      snprintf(r->msg, sizeof r->msg, "pipe: %s", strerror(errno));
      respond(r);
      free_req(r);
    } else {
      pid_t pid = fork();
      if (pid == 0 && kind == 3) shim_child(argv, envp, devnull, outp[1], errp[1]);
      if (pid == 0) child_exec(argv, envp, cwd, devnull, outp[1], errp[1], statp[1]);
      /* (A shim starts its own session: it must not be made a group leader first.) */
      if (pid > 0 && kind != 3) setpgid(pid, pid);
      close(outp[1]);
      close(errp[1]);
      close(statp[1]);
      /* A shim reports through its output (the handshake): no waiting here for its exec, and
       * the answer goes as soon as that output ends (the shim closes it once the container
       * runs); the shim itself lives on, is no longer tracked, and is only reaped. */
      int code = pid <= 0 ? 126 : kind == 3 ? 0 : read_exec_status(statp[0], r->msg, sizeof r->msg);
      close(statp[0]);
      r->pid = pid;
      r->fds[0] = outp[0];
      r->fds[1] = errp[0];
      /* Never block the server on one command's output. */
      fcntl(outp[0], F_SETFL, O_NONBLOCK);
      fcntl(errp[0], F_SETFL, O_NONBLOCK);
      if (pid < 0) snprintf(r->msg, sizeof r->msg, "fork: %s", strerror(errno));
      if (code != 0) {
        if (pid > 0) waitpid(pid, NULL, 0);
        r->start_failed = 1;
        r->exit_code = code;
        respond(r);
        free_req(r);
      } else {
        r->deadline = timeout_ms ? now_mono_ms() + timeout_ms : 0;
        if (kind == 3) {
          r->shim = 1;
          g_shims_running++;
        }
        if (g_nreqs == g_capreqs) {
          g_capreqs = g_capreqs ? g_capreqs * 2 : 16;
          g_reqs = realloc(g_reqs, g_capreqs * sizeof *g_reqs);
        }
        g_reqs[g_nreqs++] = r;
        r = NULL;
      }
    }
    if (devnull >= 0) close(devnull);
  }
  free(cwd);
  free_strv(argv);
  free_strv(envp);
}

static void reap_requests(void) {
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) break;
    for (size_t i = 0; i < g_nreqs; i++) {
      struct req *r = g_reqs[i];
      if (r->pid != pid || r->exited) continue;
      r->exited = 1;
      if (r->shim) g_shims_running--;
      if (WIFEXITED(status)) {
        r->exit_code = WEXITSTATUS(status);
      } else if (WIFSIGNALED(status)) {
        r->sig = WTERMSIG(status);
        r->exit_code = 128 + r->sig;
      }
      r->drain_deadline = now_mono_ms() + 500;
    }
  }
}

static int exec_server(void) {
  signal(SIGPIPE, SIG_IGN);
  close_fds_from(3);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  g_shims_max = ncpu > 0 ? (size_t)ncpu * 4 : 4;
  struct buf in = {0};
  char chunk[65536];
  int stdin_open = 1;
  struct pollfd *pfd = NULL;
  size_t pcap = 0;
  while (stdin_open || g_nreqs > 0) {
    if (!stdin_open) { /* the runtime went away: kill what is left and leave */
      for (size_t i = 0; i < g_nreqs; i++)
        if (!g_reqs[i]->exited) kill(-g_reqs[i]->pid, SIGKILL);
      return 0;
    }
    size_t need = 2 + 2 * g_nreqs;
    if (need > pcap) {
      pcap = need * 2;
      pfd = realloc(pfd, pcap * sizeof *pfd);
    }
    pfd[0] = (struct pollfd){0, POLLIN, 0};
    pfd[1] = (struct pollfd){sfd, POLLIN, 0};
    int64_t now = now_mono_ms(), next = -1;
    for (size_t i = 0; i < g_nreqs; i++) {
      struct req *r = g_reqs[i];
      for (int k = 0; k < 2; k++) pfd[2 + 2 * i + k] = (struct pollfd){r->fds[k], POLLIN, 0};
      int64_t d = r->exited ? r->drain_deadline : r->deadline;
      if (d && (next < 0 || d < next)) next = d;
    }
    int timeout = next < 0 ? -1 : (int)(next > now ? next - now : 0);
    int pr = poll(pfd, need, timeout);
    if (pr < 0 && errno != EINTR) return 1;
    /* Only the requests that were polled have revents; those started below join the next poll. */
    size_t polled = g_nreqs;
    if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = read(0, chunk, sizeof chunk);
      if (n > 0) {
        buf_append(&in, chunk, (size_t)n, 0);
        size_t off = 0;
        while (in.len - off >= 4) {
          uint32_t flen;
          memcpy(&flen, in.data + off, 4);
          if (in.len - off - 4 < flen) break;
          if (flen > 0) start_request(in.data + off + 4, flen, 0);
          off += 4 + (size_t)flen;
        }
        memmove(in.data, in.data + off, in.len - off);
        in.len -= off;
      } else if (n == 0 || errno != EINTR) {
        stdin_open = 0;
      }
    }
    for (size_t i = 0; i < polled; i++) {
      struct req *r = g_reqs[i];
      for (int k = 0; k < 2; k++) {
        if (r->fds[k] < 0 || !(pfd[2 + 2 * i + k].revents & (POLLIN | POLLHUP | POLLERR)))
          continue;
        ssize_t n = read(r->fds[k], chunk, sizeof chunk);
        if (n > 0) {
          buf_append(&r->out[k], chunk, (size_t)n, r->max_output);
        } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
          close(r->fds[k]);
          r->fds[k] = -1;
        }
      }
    }
    if (pfd[1].revents & POLLIN) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
      }
    }
    reap_requests();
    now = now_mono_ms();
    size_t kept = 0;
    for (size_t i = 0; i < g_nreqs; i++) {
      struct req *r = g_reqs[i];
      if (!r->exited && r->deadline && now >= r->deadline && !r->timed_out) {
        r->timed_out = 1;
        kill(-r->pid, SIGKILL);
      }
      int drained = r->fds[0] < 0 && r->fds[1] < 0;
      if (r->exited && (drained || now >= r->drain_deadline)) {
        respond(r);
        free_req(r);
      } else if (r->shim && drained) {
        g_shims_running--;
        respond(r);
        free_req(r);
      } else {
        g_reqs[kept++] = r;
      }
    }
    g_nreqs = kept;
    start_queued_shims();
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "run") == 0) return shim_run(argc, argv);
  if (argc >= 2 && strcmp(argv[1], "exec-server") == 0) {
    g_argv1 = argv[1];
    return exec_server();
  }
  if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
    printf("skiff-shim %s\n", SHIM_VERSION);
    return 0;
  }
  fprintf(stderr, "usage: skiff-shim run ... | skiff-shim exec-server | skiff-shim --version\n");
  return 2;
}
