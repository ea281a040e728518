/* cli_output.c: where every output of the pcf command goes, by one rule (README, "Outputs"):
 * - standard output: written, flushed and checked; a failure is reported with what standard
 *   output is (/dev/full, a file) and the reason, exit 2; a closed pipe ends quietly;
 * - a new or regular file: replaced atomically, a temporary file in the same folder (created
 *   O_CREAT|O_EXCL|O_NOFOLLOW, so a link planted under its name is never followed) written,
 *   synced and renamed over it; a new file gets the mode the umask gives (0644 typically), a
 *   replaced one keeps its mode; the old file is untouched when anything fails;
 * - a character device or a FIFO (a terminal, /dev/null, a named pipe) is written through,
 *   never replaced;
 * - a symbolic link is followed only when it is the user's or root's (a link planted by someone
 *   else in a shared folder is refused, as the kernel's protected_symlinks does) and only to a
 *   character device or FIFO (-o /dev/stdout): replacing a linked file would break the link or
 *   the file's other names, so a link to a file is refused (name the file itself);
 * - folders, block devices and sockets are refused.
 * Temporary files are named .NAME.tmp-PID-XXXXXX: removed when a write fails, on SIGINT, SIGTERM
 * and SIGHUP, and, after a kill -9, by the next pcf run that writes into the same folder once
 * their process is gone. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* The part of the output's name kept in its temporary's: with ".", ".tmp-PID-" and the six
 * random characters the temporary's name stays under NAME_MAX (255). */
enum { TEMP_BASE_MAX = 200 };
static const char temp_mark[] = ".tmp-";

/* ---- temporary files removed on a signal ------------------------------------------------------- */

/* One slot per temporary being written (the batch writes from up to 64 threads). A slot is
 * claimed (1), filled, then published (2); the signal handler only reads published slots. */
enum { SLOTS = 128 };
static struct {
  atomic_int state;
  char path[PATH_MAX];
} slots[SLOTS];
/* Threads between creating a temporary and publishing its slot, and whether a signal is ending
 * the process: the handler waits for the first to reach 0 so that no temporary is created
 * unseen, and a thread that sees the second creates nothing. */
static atomic_int creating, dying;

static int temp_register(const char *path) {
  if (strlen(path) >= PATH_MAX) return -1;
  for (int i = 0; i < SLOTS; i++) {
    int free_slot = 0;
    if (atomic_compare_exchange_strong(&slots[i].state, &free_slot, 1)) {
      strcpy(slots[i].path, path);
      atomic_store(&slots[i].state, 2);
      return i;
    }
  }
  return -1; /* all taken: the next run removes it if this one is killed */
}

static void temp_unregister(int slot) {
  if (slot >= 0) atomic_store(&slots[slot].state, 0);
}

/* Folders of documents written in groups (cli_docs): their temporaries are too many for the
 * slots, so the handler removes every temporary of this process it finds there. */
enum { DOC_DIRS = 4 };
static struct {
  atomic_int state;
  char path[PATH_MAX];
} doc_dirs[DOC_DIRS];
static char own_mark[48]; /* ".tmp-PID-", set by cli_output_init */

/* Whether name (a NUL-terminated dirent name) is a temporary of this process: ".…" + own_mark +
 * six characters. Async-signal-safe (no library call). */
static int own_temp(const char *name) {
  if (name[0] != '.' || !own_mark[0]) return 0;
  size_t n = 0, m = 0;
  while (name[n]) n++;
  while (own_mark[m]) m++;
  if (n < m + 8) return 0;
  const char *at = name + n - 6 - m;
  for (size_t k = 0; k < m; k++)
    if (at[k] != own_mark[k]) return 0;
  return 1;
}

/* Removes this process's temporaries in dir with system calls alone (async-signal-safe). */
static void remove_own_temps(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  static _Alignas(8) char buf[32768]; /* one handler at a time: SA_RESETHAND and the signals it ends with */
  for (long got; (got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0;)
    for (long at = 0; at < got;) {
      struct dirent64_raw {
        unsigned long long ino;
        long long off;
        unsigned short reclen;
        unsigned char type;
        char name[];
      } *de = (struct dirent64_raw *)(buf + at);
      if (own_temp(de->name)) unlinkat(fd, de->name, 0);
      at += de->reclen;
    }
  close(fd);
}

static void on_signal(int sig) {
  atomic_store(&dying, 1);
  /* At most 1 s for threads creating a temporary to publish it (they block these signals while
   * they do, so this thread is never one of them). */
  for (int i = 0; i < 1000 && atomic_load(&creating); i++) nanosleep(&(struct timespec){0, 1000000}, NULL);
  for (int i = 0; i < SLOTS; i++)
    if (atomic_load(&slots[i].state) == 2) unlink(slots[i].path); /* async-signal-safe */
  for (int i = 0; i < DOC_DIRS; i++)
    if (atomic_load(&doc_dirs[i].state) == 2) remove_own_temps(doc_dirs[i].path);
  raise(sig); /* SA_RESETHAND: the default action now ends the process with the signal */
}

static const int handled[] = {SIGINT, SIGTERM, SIGHUP};

void cli_output_init(void) {
  snprintf(own_mark, sizeof own_mark, "%s%ld-", temp_mark, (long)getpid());
  for (size_t i = 0; i < sizeof handled / sizeof *handled; i++) {
    struct sigaction old, sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    /* A signal ignored by whoever started pcf (nohup, a background job) stays ignored. */
    if (sigaction(handled[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(handled[i], &sa, NULL);
  }
}

/* ---- names ----------------------------------------------------------------------------------- */

/* The folder of path ("." when none) into dir, its last component into base. */
static int split_path(const char *path, char *dir, size_t dir_size, const char **base) {
  const char *slash = strrchr(path, '/');
  *base = slash ? slash + 1 : path;
  if (!slash) return snprintf(dir, dir_size, ".") >= (int)dir_size ? -1 : 0;
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  if (n >= dir_size) return -1;
  memcpy(dir, path, n);
  dir[n] = '\0';
  return 0;
}

/* Whether name is a temporary of this rule: ".BASE.tmp-PID-XXXXXX" with BASE the first
 * TEMP_BASE_MAX bytes of base (any base when NULL); its PID into *pid. */
static int temp_name(const char *name, const char *base, long *pid) {
  if (name[0] != '.') return 0;
  const char *mark = strstr(name + 1, temp_mark), *next;
  while (mark && (next = strstr(mark + 1, temp_mark))) mark = next; /* the last one */
  if (!mark || mark == name + 1) return 0;
  if (base) {
    size_t n = strlen(base) > TEMP_BASE_MAX ? TEMP_BASE_MAX : strlen(base);
    if ((size_t)(mark - name - 1) != n || strncmp(name + 1, base, n) != 0) return 0;
  }
  char *end;
  errno = 0;
  *pid = strtol(mark + sizeof temp_mark - 1, &end, 10);
  return !errno && *pid > 0 && end[0] == '-' && strlen(end + 1) == 6;
}

void cli_remove_stale_temps(const char *dir, const char *base) {
  DIR *d = opendir(dir);
  if (!d) return;
  uid_t me = geteuid();
  for (struct dirent *de; (de = readdir(d));) {
    long pid;
    struct stat st;
    if (!temp_name(de->d_name, base, &pid) || pid == (long)getpid()) continue;
    /* Only a regular file of this user whose process is gone (a running pcf's is its own). */
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
    if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode) || st.st_uid != me) continue;
    unlinkat(dirfd(d), de->d_name, 0);
  }
  closedir(d);
}

/* Creates dir/.BASE.tmp-PID-XXXXXX exclusively, never through a link; the kernel applies the
 * umask to 0666, the mode a new file gets. Returns the descriptor (its name in tmp) or -1. */
static int open_temp(const char *dir, const char *base, char *tmp, size_t size) {
  static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (int attempt = 0; attempt < 100; attempt++) {
    unsigned char r[6];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      unsigned long long x = (unsigned long long)ts.tv_nsec * 2654435761u + (unsigned)attempt;
      for (size_t i = 0; i < sizeof r; i++) r[i] = (unsigned char)(x >> (8 * i));
    }
    char suffix[7];
    for (size_t i = 0; i < 6; i++) suffix[i] = chars[r[i] % (sizeof chars - 1)];
    suffix[6] = '\0';
    if ((size_t)snprintf(tmp, size, "%s/.%.*s%s%ld-%s", dir, TEMP_BASE_MAX, base, temp_mark, (long)getpid(), suffix) >=
        size) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

/* open_temp, the temporary published for the signal handler (*slot) before a signal can end the
 * process without seeing it. */
static int create_temp(const char *dir, const char *base, char *tmp, size_t size, int *slot) {
  sigset_t block, old;
  sigemptyset(&block);
  for (size_t i = 0; i < sizeof handled / sizeof *handled; i++) sigaddset(&block, handled[i]);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  atomic_fetch_add(&creating, 1);
  int fd = -1;
  *slot = -1;
  if (atomic_load(&dying))
    errno = EINTR;
  else if ((fd = open_temp(dir, base, tmp, size)) >= 0)
    *slot = temp_register(tmp);
  int e = errno;
  atomic_fetch_sub(&creating, 1);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  errno = e;
  return fd;
}

/* ---- writing ------------------------------------------------------------------------------------ */

/* Runs writer on f and flushes; returns 0, the writer's code (> 0), or -1 with errno. */
static int run_writer(cli_writer writer, const void *ctx, FILE *f) {
  errno = 0;
  int rc = writer(ctx, f);
  if (rc > 0) return rc;
  int saved = errno;
  if (fflush(f) != 0) return -1;
  if (rc < 0 || ferror(f)) {
    errno = saved ? saved : EIO;
    return -1;
  }
  return 0;
}

static int fail(char *why, size_t why_size, const char *reason) {
  snprintf(why, why_size, "%s", reason);
  return -1;
}

static int fail_errno(char *why, size_t why_size, const char *what) {
  int e = errno;
  if (what)
    snprintf(why, why_size, "%s: %s", what, strerror(e));
  else
    snprintf(why, why_size, "%s", strerror(e));
  errno = e;
  return -1;
}

/* Writes through to a character device or FIFO (follow: through the user's or root's link). */
static int write_through(const char *path, int follow, cli_writer writer, const void *ctx, char *why, size_t why_size) {
  /* No O_TRUNC, no O_CREAT: nothing changes before fstat says what was opened. A FIFO waits for
   * its reader, as the shell's redirection does. */
  int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
  if (fd < 0) return fail_errno(why, why_size, "cannot open");
  struct stat st;
  if (fstat(fd, &st) || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
    close(fd);
    return fail(why, why_size, "changed while being opened: no longer a device or FIFO; not written");
  }
  FILE *f = fdopen(fd, "w");
  if (!f) {
    close(fd);
    return fail_errno(why, why_size, NULL);
  }
  int rc = run_writer(writer, ctx, f);
  int e = errno;
  if (fclose(f) && rc == 0) rc = -1, e = errno;
  errno = e;
  return rc < 0 ? fail_errno(why, why_size, NULL) : rc;
}

/* Writes a new file in dir and renames it over path; old (NULL for a new file) gives the mode to
 * keep. */
static int replace(const char *path, const char *dir, const char *base, const struct stat *old, cli_writer writer,
                   const void *ctx, char *why, size_t why_size) {
  char tmp[PATH_MAX];
  int slot;
  int fd = create_temp(dir, base, tmp, sizeof tmp, &slot);
  if (fd < 0) return fail_errno(why, why_size, "cannot create a temporary file beside it");
  FILE *f = NULL;
  int rc = old && fchmod(fd, old->st_mode & 0777) ? -1 : 0;
  if (rc == 0) rc = (f = fdopen(fd, "w")) ? run_writer(writer, ctx, f) : -1;
  int e = errno;
  if (rc == 0 && fsync(fileno(f))) rc = -1, e = errno;
  if ((f ? fclose(f) : close(fd)) && rc == 0) rc = -1, e = errno;
  if (rc == 0 && rename(tmp, path)) rc = -1, e = errno;
  if (rc) unlink(tmp);
  temp_unregister(slot);
  errno = e;
  return rc < 0 ? fail_errno(why, why_size, NULL) : rc;
}

static const char *kind(mode_t m) {
  return S_ISDIR(m)    ? "a folder"
         : S_ISBLK(m)  ? "a block device"
         : S_ISSOCK(m) ? "a socket"
         : S_ISREG(m)  ? "a file"
                       : "special";
}

int cli_write_file(const char *path, cli_writer writer, const void *ctx, int clean, char *why, size_t why_size) {
  char dir[PATH_MAX];
  const char *base;
  if (!path[0] || split_path(path, dir, sizeof dir, &base) || !base[0]) return fail(why, why_size, "not a file name");
  struct stat st;
  int exists = lstat(path, &st) == 0;
  if (!exists) {
    if (errno != ENOENT) return fail_errno(why, why_size, NULL);
  } else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
    return write_through(path, 0, writer, ctx, why, why_size);
  } else if (S_ISLNK(st.st_mode)) {
    struct stat to;
    if (st.st_uid != geteuid() && st.st_uid != 0)
      return fail(why, why_size, "a symbolic link of another user: refused (name its target)");
    if (stat(path, &to) != 0) return fail(why, why_size, "a symbolic link to nothing: refused (name a file)");
    if (!(S_ISCHR(to.st_mode) || S_ISFIFO(to.st_mode))) {
      snprintf(why, why_size,
               "a symbolic link to %s: refused (outputs follow links only to devices and FIFOs; "
               "name the target itself)",
               kind(to.st_mode));
      return -1;
    }
    return write_through(path, 1, writer, ctx, why, why_size);
  } else if (!S_ISREG(st.st_mode)) {
    snprintf(why, why_size, "%s: refused (an output is a file, a character device or a FIFO)", kind(st.st_mode));
    return -1;
  }
  if (clean) cli_remove_stale_temps(dir, base);
  return replace(path, dir, base, exists ? &st : NULL, writer, ctx, why, why_size);
}

/* ---- standard output ------------------------------------------------------------------------- */

static int stdout_reported;

/* "standard output (/dev/full)": what fd 1 is, when /proc says. */
static void stdout_name(char *out, size_t size) {
  char target[512];
  ssize_t n = readlink("/proc/self/fd/1", target, sizeof target - 1);
  if (n > 0) {
    target[n] = '\0';
    snprintf(out, size, "standard output (%s)", target);
  } else {
    snprintf(out, size, "standard output");
  }
}

/* Reports a failed write to standard output once; a reader that went away (EPIPE, when SIGPIPE
 * is ignored) ends quietly. Returns EXIT_INTERNAL. */
static int stdout_failed(int e) {
  if (!stdout_reported && e != EPIPE) {
    char name[600];
    stdout_name(name, sizeof name);
    fprintf(stderr, "pcf: %s: cannot write: %s\n", name, strerror(e ? e : EIO));
  }
  stdout_reported = 1;
  return EXIT_INTERNAL;
}

int cli_output(const char *path, cli_writer writer, const void *ctx) {
  if (!path) {
    int rc = run_writer(writer, ctx, stdout);
    return rc > 0 ? rc : rc ? stdout_failed(errno) : 0;
  }
  char why[600];
  int rc = cli_write_file(path, writer, ctx, 1, why, sizeof why);
  if (rc < 0) fprintf(stderr, "pcf: %s: cannot write: %s\n", path, why);
  return rc > 0 ? rc : rc ? EXIT_INTERNAL : 0;
}

int cli_close_stdout(int rc) {
  errno = 0;
  /* Flushed and checked before closing: the report names what fd 1 is while it is open. */
  if (fflush(stdout) != 0 || ferror(stdout)) {
    rc = stdout_failed(errno);
    fclose(stdout);
    return rc;
  }
  return fclose(stdout) != 0 ? stdout_failed(errno) : rc;
}

/* ---- documents written in groups --------------------------------------------------------------- */

/* A batch writes one document per product into a folder. Each made durable on its own (fsync,
 * then rename) costs a flush of the disk's cache per document (4.4 ms on the development
 * machine); here each is written to its temporary, and every GROUP documents (and at the end)
 * one syncfs makes the whole group durable, then the temporaries are renamed into place and the
 * folder is synced. A document under its final name is whole, as with cli_write_file: it is
 * renamed only after its content is on disk. */
enum { GROUP = 1024 };
/* A group is also committed once its first document has waited this long, so that documents
 * appear as a slow batch (--hotspots) goes on, at a cost of one sync a second at most. */
static const double GROUP_WAIT_S = 1.0;

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct pending {
  char *tmp, *path;
} pending;

struct cli_docs {
  char dir[PATH_MAX];
  int dir_slot;         /* doc_dirs slot, -1 when none was free */
  pthread_mutex_t lock; /* over the fields below */
  pending *group;       /* [GROUP] temporaries written, not yet renamed */
  size_t n;
  double first_s;              /* when the group's first document was added */
  char failed[PATH_MAX + 600]; /* the first commit failure, "" none */
};

int cli_docs_open(cli_docs **out, const char *dir) {
  cli_docs *d = calloc(1, sizeof *d);
  *out = d;
  if (!d || !(d->group = calloc(GROUP, sizeof *d->group)) || strlen(dir) >= sizeof d->dir) {
    if (d) free(d->group);
    free(d);
    *out = NULL;
    return -1;
  }
  strcpy(d->dir, dir);
  pthread_mutex_init(&d->lock, NULL);
  d->dir_slot = -1;
  for (int i = 0; i < DOC_DIRS && d->dir_slot < 0; i++) {
    int free_slot = 0;
    if (atomic_compare_exchange_strong(&doc_dirs[i].state, &free_slot, 1)) {
      strcpy(doc_dirs[i].path, dir);
      atomic_store(&doc_dirs[i].state, 2);
      d->dir_slot = i;
    }
  }
  return 0;
}

/* Makes the temporaries of g durable and renames them into place, then syncs the folder. Returns
 * 0 or -1 with the first failure in why; every temporary is renamed or removed either way. */
static int commit_group(const char *dir, pending *g, size_t n, char *why, size_t why_size) {
  int rc = 0, dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) rc = fail_errno(why, why_size, dir);
  /* One sync of the file system for the whole group (Linux syncfs, called by number: the
   * allocation hooks header comes before _GNU_SOURCE); without it, each file's own fsync. */
  if (!rc && syscall(SYS_syncfs, dfd)) {
    if (errno != ENOSYS) rc = fail_errno(why, why_size, "cannot sync the documents");
    for (size_t k = 0; !rc && k < n; k++) {
      int fd = open(g[k].tmp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0 || fsync(fd)) rc = fail_errno(why, why_size, g[k].path);
      if (fd >= 0) close(fd);
    }
  }
  for (size_t k = 0; k < n; k++) {
    if (!rc && rename(g[k].tmp, g[k].path)) rc = fail_errno(why, why_size, g[k].path);
    if (rc) unlink(g[k].tmp);
    free(g[k].tmp);
    free(g[k].path);
  }
  if (dfd >= 0 && fsync(dfd) && !rc) rc = fail_errno(why, why_size, dir);
  if (dfd >= 0) close(dfd);
  return rc;
}

int cli_docs_write(cli_docs *d, const char *name, cli_writer writer, const void *ctx, char *why, size_t why_size) {
  char path[PATH_MAX], tmp[PATH_MAX];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", d->dir, name) >= sizeof path)
    return fail(why, why_size, "name too long");
  /* Anything but a new or regular file (a device, a FIFO, a link, a folder) goes by the one rule;
   * so does every document when the signal handler has no slot for the folder. */
  struct stat st;
  int exists = lstat(path, &st) == 0;
  if ((exists ? !S_ISREG(st.st_mode) : errno != ENOENT) || d->dir_slot < 0)
    return cli_write_file(path, writer, ctx, 0, why, why_size);
  int slot;
  int fd = create_temp(d->dir, name, tmp, sizeof tmp, &slot);
  if (fd < 0) return fail_errno(why, why_size, "cannot create a temporary file beside it");
  FILE *f = NULL;
  int rc = exists && fchmod(fd, st.st_mode & 0777) ? -1 : 0;
  /* A document is tens of kilobytes: written in 64 KiB pieces rather than stdio's 4 KiB. */
  if (rc == 0 && (f = fdopen(fd, "w"))) setvbuf(f, NULL, _IOFBF, 1 << 16);
  if (rc == 0) rc = f ? run_writer(writer, ctx, f) : -1;
  int e = errno;
  if ((f ? fclose(f) : close(fd)) && rc == 0) rc = -1, e = errno;
  pending p = {NULL, NULL};
  if (rc == 0 && (!(p.tmp = strdup(tmp)) || !(p.path = strdup(path)))) rc = -1, e = ENOMEM;
  if (rc == 0) {
    /* The group is committed by the thread that fills it, under the lock: the others wait for
     * the sync only when they have a document of their own to add. */
    pthread_mutex_lock(&d->lock);
    if (!d->n) d->first_s = seconds();
    d->group[d->n++] = p;
    if (d->n == GROUP || seconds() - d->first_s >= GROUP_WAIT_S) {
      char failed[sizeof d->failed];
      if (commit_group(d->dir, d->group, d->n, failed, sizeof failed) && !d->failed[0])
        memcpy(d->failed, failed, sizeof failed);
      d->n = 0;
    }
    pthread_mutex_unlock(&d->lock);
  } else {
    free(p.tmp);
    free(p.path);
    unlink(tmp);
  }
  temp_unregister(slot);
  errno = e;
  return rc < 0 ? fail_errno(why, why_size, NULL) : rc;
}

int cli_docs_commit(cli_docs *d, char *why, size_t why_size) {
  pthread_mutex_lock(&d->lock);
  char failed[sizeof d->failed];
  if (d->n && commit_group(d->dir, d->group, d->n, failed, sizeof failed) && !d->failed[0])
    memcpy(d->failed, failed, sizeof failed);
  d->n = 0;
  int rc = d->failed[0] ? fail(why, why_size, d->failed) : 0;
  pthread_mutex_unlock(&d->lock);
  return rc;
}

void cli_docs_close(cli_docs *d) {
  if (!d) return;
  for (size_t k = 0; k < d->n; k++) { /* not committed: never under their final names */
    unlink(d->group[k].tmp);
    free(d->group[k].tmp);
    free(d->group[k].path);
  }
  if (d->dir_slot >= 0) atomic_store(&doc_dirs[d->dir_slot].state, 0);
  pthread_mutex_destroy(&d->lock);
  free(d->group);
  free(d);
}
