/* test_outputs.c: the pcf command's outputs never destroy or lose (README, "Outputs"; issue 14
 * section 3). Every test runs the pcf binary in a temporary folder: -o at a FIFO, a terminal, a
 * symbolic link, a folder; the mode of new and replaced files; standard output that cannot be
 * written, for every command and format; temporaries of killed runs; duplicate ids in a batch.
 * The expected values are the rule's (README) and the inputs' own (product names in the product
 * files), never pcf's computations. Nothing here needs root, and no system device is ever named
 * with -o as root: a regression would replace it. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli_test.h"
#include "../scratch_base.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"
#define KETTLE PCF_SOURCE_DIR "/cases/electric-kettle/product.ini"
#define HK PCF_SOURCE_DIR "/cases/hk-recycled-plastic/product.ini"
#define PROFILE PCF_SOURCE_DIR "/cases/profile.ini"
#define TOY_NAME "Plastic toy car (ABS body, PP wheels, steel axles)" /* cases/toy-car/product.ini */

static char dir[64];

static void make_dir(void) {
  snprintf(dir, sizeof dir, "%s/pcf-outputs-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
}

static void remove_dir(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

/* The whole of path (NUL-terminated; caller frees), NULL when it cannot be read. */
static char *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *text = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&text, &n);
  char buf[65536];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, k, m);
  fclose(f);
  fclose(m);
  if (size) *size = n;
  return text;
}

/* Runs a shell command with stderr into dir/err.txt; returns its exit code (128 + signal when a
 * signal ended it) and the stderr text in *err (caller frees) when err is not NULL. */
static int run(const char *cmd, char **err) {
  char full[4096], path[128];
  snprintf(path, sizeof path, "%s/err.txt", dir);
  snprintf(full, sizeof full, "%s 2>%s", cmd, path);
  int status = system(full);
  if (err) {
    *err = slurp(path, NULL);
    cr_assert(*err);
  }
  unlink(path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* What a command writes to standard output (it must exit 0). */
static char *stdout_of(const char *cmd, size_t *size) {
  char full[4096], path[128];
  snprintf(path, sizeof path, "%s/stdout.txt", dir);
  snprintf(full, sizeof full, "%s > %s", cmd, path);
  cr_assert_eq(system(full), 0, "%s", cmd);
  char *text = slurp(path, size);
  unlink(path);
  return text;
}

/* Names in dir other than err.txt, in one string "a b c" (sorted); caller frees. */
static char *listing(const char *folder) {
  struct dirent **names;
  int n = scandir(folder, &names, NULL, alphasort);
  cr_assert_geq(n, 0, "%s", folder);
  char *text = NULL;
  size_t size = 0;
  FILE *m = open_memstream(&text, &size);
  int first = 1;
  for (int i = 0; i < n; i++) {
    const char *s = names[i]->d_name;
    if (strcmp(s, ".") && strcmp(s, "..")) fprintf(m, "%s%s", first ? "" : " ", s), first = 0;
    free(names[i]);
  }
  free(names);
  fclose(m);
  return text;
}

/* ---- -o: one rule for every kind of path ---------------------------------------------------- */

typedef struct reader {
  char path[128];
  char *text;
  size_t size;
} reader;

static void *read_all(void *arg) {
  reader *r = arg;
  r->text = slurp(r->path, &r->size); /* opening a FIFO waits for its writer */
  return NULL;
}

Test(outputs, a_fifo_is_written_through_not_replaced) {
  make_dir();
  reader r;
  snprintf(r.path, sizeof r.path, "%s/fifo", dir);
  cr_assert_eq(mkfifo(r.path, 0600), 0);
  pthread_t t;
  cr_assert_eq(pthread_create(&t, NULL, read_all, &r), 0);
  char cmd[1024], *err;
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv -o %s", PCF_BINARY, TOY, r.path);
  int rc = run(cmd, &err);
  pthread_join(t, NULL);
  cr_expect_eq(rc, 0, "%s", err);
  struct stat st;
  cr_assert_eq(lstat(r.path, &st), 0);
  cr_expect(S_ISFIFO(st.st_mode), "the FIFO was replaced by a file (mode %o)", st.st_mode);
  /* The reader got exactly what the same command prints on standard output. */
  size_t n;
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv", PCF_BINARY, TOY);
  char *want = stdout_of(cmd, &n);
  cr_assert(r.text);
  cr_expect_gt(n, 100);
  cr_expect_eq(r.size, n);
  cr_expect_str_eq(r.text, want);
  cr_expect_str_eq(listing(dir), "fifo", "no temporary left");
  free(want);
  free(r.text);
  free(err);
  remove_dir();
}

/* A character device: a pseudo-terminal's slave, which any user can open. */
Test(outputs, a_terminal_is_written_through_not_replaced) {
  make_dir();
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) || unlockpt(master)) cr_skip_test("no pseudo-terminals here");
  char slave[128];
  cr_assert_eq(ptsname_r(master, slave, sizeof slave), 0);
  /* Raw, so the bytes arrive as written (no "\n" -> "\r\n"); held open so that the terminal
   * does not hang up between the command's open and close. */
  int keep = open(slave, O_RDWR | O_NOCTTY);
  cr_assert_geq(keep, 0);
  struct termios tio;
  cr_assert_eq(tcgetattr(keep, &tio), 0);
  cfmakeraw(&tio);
  cr_assert_eq(tcsetattr(keep, TCSANOW, &tio), 0);
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv -o %s 2>%s/err.txt", PCF_BINARY, TOY, slave, dir);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  char *got = NULL;
  size_t size = 0;
  FILE *m = open_memstream(&got, &size);
  int status = -1, done = 0;
  for (;;) {
    struct pollfd p = {master, POLLIN, 0};
    if (poll(&p, 1, 200) > 0 && (p.revents & POLLIN)) {
      char buf[4096];
      ssize_t k = read(master, buf, sizeof buf);
      if (k > 0) fwrite(buf, 1, (size_t)k, m);
      continue;
    }
    if (done) break; /* exited and nothing more to read */
    done = waitpid(pid, &status, WNOHANG) == pid;
  }
  fclose(m);
  struct stat st; /* while the terminal is open: devpts removes it after */
  cr_assert_eq(lstat(slave, &st), 0);
  close(keep);
  close(master);
  char path[128];
  snprintf(path, sizeof path, "%s/err.txt", dir);
  char *err = slurp(path, NULL);
  unlink(path);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d: %s", status, err);
  cr_expect(S_ISCHR(st.st_mode), "%s is no longer a character device", slave);
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv", PCF_BINARY, TOY);
  size_t n;
  char *want = stdout_of(cmd, &n);
  cr_expect_eq(size, n);
  cr_expect_str_eq(got, want);
  free(want);
  free(got);
  free(err);
  remove_dir();
}

/* /dev/stdout is root's link to the process's standard output: followed to the pipe. */
Test(outputs, dev_stdout_is_followed_to_a_pipe) {
  make_dir();
  char cmd[1024];
  size_t a, b;
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv -o /dev/stdout | cat", PCF_BINARY, TOY);
  char *via_link = stdout_of(cmd, &a);
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv", PCF_BINARY, TOY);
  char *plain = stdout_of(cmd, &b);
  cr_expect_gt(b, 100);
  cr_expect_str_eq(via_link, plain);
  free(via_link);
  free(plain);
  remove_dir();
}

Test(outputs, a_link_to_a_file_is_refused_and_the_file_untouched) {
  make_dir();
  char target[128], link[128], cmd[1024], *err;
  snprintf(target, sizeof target, "%s/target.txt", dir);
  snprintf(link, sizeof link, "%s/link.txt", dir);
  write_file(target, "keep\n");
  cr_assert_eq(symlink("target.txt", link), 0);
  snprintf(cmd, sizeof cmd, "%s footprint %s -o %s", PCF_BINARY, TOY, link);
  cr_expect_eq(run(cmd, &err), 2);
  cr_expect(strstr(err, link) && strstr(err, "symbolic link"), "%s", err);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_expect(S_ISLNK(st.st_mode), "the link was replaced");
  char *text = slurp(target, NULL);
  cr_expect_str_eq(text, "keep\n");
  free(text);
  free(err);
  /* A link to nothing is refused too (it would create a file where the link points). */
  cr_assert_eq(unlink(link), 0);
  cr_assert_eq(symlink("nowhere.txt", link), 0);
  cr_expect_eq(run(cmd, &err), 2);
  cr_expect(strstr(err, "symbolic link to nothing"), "%s", err);
  cr_expect_str_eq(listing(dir), "link.txt target.txt");
  free(err);
  remove_dir();
}

Test(outputs, a_folder_is_refused) {
  make_dir();
  char cmd[1024], *err;
  snprintf(cmd, sizeof cmd, "%s footprint %s -o %s", PCF_BINARY, TOY, dir);
  cr_expect_eq(run(cmd, &err), 2);
  cr_expect(strstr(err, dir) && strstr(err, "a folder"), "%s", err);
  free(err);
  remove_dir();
}

static mode_t mode_of(const char *path) {
  struct stat st;
  cr_assert_eq(stat(path, &st), 0, "%s", path);
  return st.st_mode & 07777;
}

/* A new file gets 0666 less the umask (as the shell's > gives it); a replaced file keeps its
 * mode; the replacement is a new file (atomic rename), and no temporary is left. */
Test(outputs, modes_follow_the_umask_and_replaced_files_keep_theirs) {
  make_dir();
  char out[128], cmd[1024];
  snprintf(out, sizeof out, "%s/out.csv", dir);
  snprintf(cmd, sizeof cmd, "%s footprint %s --format csv -o %s", PCF_BINARY, TOY, out);
  mode_t old = umask(022);
  cr_assert_eq(run(cmd, NULL), 0);
  cr_expect_eq(mode_of(out), 0644, "%o", mode_of(out));
  unlink(out);
  umask(027);
  cr_assert_eq(run(cmd, NULL), 0);
  cr_expect_eq(mode_of(out), 0640, "%o", mode_of(out));
  umask(022);
  cr_assert_eq(chmod(out, 0600), 0);
  struct stat before, after;
  cr_assert_eq(stat(out, &before), 0);
  cr_assert_eq(run(cmd, NULL), 0);
  cr_assert_eq(stat(out, &after), 0);
  cr_expect_eq(mode_of(out), 0600, "a 0600 file was widened to %o", mode_of(out));
  cr_expect_neq(before.st_ino, after.st_ino, "written in place, not replaced");
  cr_expect_str_eq(listing(dir), "out.csv");
  umask(old);
  remove_dir();
}

/* A writer that fails (a PACT document without the profile it needs) leaves the old file. */
Test(outputs, a_failed_write_leaves_the_old_file) {
  make_dir();
  char out[128], cmd[1024], *err;
  snprintf(out, sizeof out, "%s/out.json", dir);
  write_file(out, "old\n");
  snprintf(cmd, sizeof cmd, "%s footprint %s --format pact -o %s", PCF_BINARY, TOY, out);
  cr_expect_neq(run(cmd, &err), 0);
  char *text = slurp(out, NULL);
  cr_expect_str_eq(text, "old\n");
  cr_expect_str_eq(listing(dir), "out.json");
  free(text);
  free(err);
  remove_dir();
}

/* /dev/full as -o only when not root: a regression there, as root, would replace /dev/full. */
Test(outputs, a_device_that_fails_is_reported) {
  if (geteuid() == 0) cr_skip_test("not run as root (a regression would replace /dev/full)");
  make_dir();
  char cmd[1024], *err;
  snprintf(cmd, sizeof cmd, "%s footprint %s --format json -o /dev/full", PCF_BINARY, TOY);
  cr_expect_eq(run(cmd, &err), 2);
  cr_expect(strstr(err, "/dev/full") && strstr(err, "No space left on device"), "%s", err);
  struct stat st;
  cr_assert_eq(lstat("/dev/full", &st), 0);
  cr_expect(S_ISCHR(st.st_mode));
  free(err);
  remove_dir();
}

/* ---- standard output ------------------------------------------------------------------------- */

/* Every command and format: exit 2 and a message naming standard output (/dev/full) and why. */
Test(outputs, standard_output_that_fails_is_reported_by_every_command) {
  make_dir();
  static const char *commands[] = {"footprint " TOY,
                                   "footprint " TOY " --format json",
                                   "footprint " TOY " --format csv",
                                   "footprint " TOY " --format pact --profile " PROFILE,
                                   "footprint " TOY " --format html --profile " PROFILE,
                                   "compare " HK,
                                   "compare " HK " --format json",
                                   "compare " HK " --format csv",
                                   "compare " HK " --format html",
                                   "uncertainty " TOY " -n 20",
                                   "uncertainty " TOY " -n 20 --format json",
                                   "ilcd info " PCF_SOURCE_DIR "/tests/fixtures/tiangong/tiangong-slice.zip",
                                   "ilcd info " PCF_SOURCE_DIR "/tests/fixtures/tiangong/tiangong-slice.zip --json",
                                   "ilcd show " PCF_SOURCE_DIR
                                   "/tests/fixtures/tiangong/tiangong-slice.zip f2ce2a11-cf93-4e97-8594-ded0035586c0",
                                   "batch " PCF_SOURCE_DIR "/tests/fixtures/batch/catalogue.csv -q",
                                   "--help",
                                   "footprint --help"};
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    char cmd[1024], *err;
    snprintf(cmd, sizeof cmd, "%s %s > /dev/full", PCF_BINARY, commands[i]);
    cr_expect_eq(run(cmd, &err), 2, "%s", commands[i]);
    cr_expect(strstr(err, "standard output (/dev/full): cannot write: No space left on device"), "%s: %s", commands[i],
              err);
    free(err);
  }
  remove_dir();
}

/* A reader that went away: quiet, whether SIGPIPE ends pcf or is ignored (EPIPE). */
Test(outputs, a_closed_pipe_ends_quietly) {
  make_dir();
  char cmd[1024], *err;
  snprintf(cmd, sizeof cmd, "sh -c 'trap \"\" PIPE; exec %s footprint %s --format html --profile %s' | true",
           PCF_BINARY, TOY, PROFILE);
  run(cmd, &err);
  cr_expect_str_eq(err, "");
  free(err);
  snprintf(cmd, sizeof cmd, "%s footprint %s --format html --profile %s | true", PCF_BINARY, TOY, PROFILE);
  run(cmd, &err);
  cr_expect_str_eq(err, "");
  free(err);
  remove_dir();
}

/* ---- batch: temporaries of killed runs, one id per row --------------------------------------- */

/* A catalogue of n toy cars with ids P000..., in dir/catalogue.csv. */
static void toy_catalogue(int n) {
  char path[128];
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("id,product,scale\n", f);
  for (int i = 0; i < n; i++) fprintf(f, "P%03d,%s,%d\n", i, TOY, 1 + i % 5);
  cr_assert_eq(fclose(f), 0);
}

/* A process id that is no longer running: a child that has exited and been reaped. */
static pid_t dead_pid(void) {
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) _exit(0);
  cr_assert_eq(waitpid(pid, NULL, 0), pid);
  return pid;
}

/* What a kill -9 leaves (.NAME.tmp-PID-XXXXXX of a process that is gone) is removed by the next
 * run; a running process's temporary, a link of the same pattern and other files stay. */
Test(outputs, the_next_batch_removes_temporaries_of_a_killed_one) {
  make_dir();
  toy_catalogue(2);
  char json[128], path[256], cmd[1024], *err;
  snprintf(json, sizeof json, "%s/json", dir);
  cr_assert_eq(mkdir(json, 0755), 0);
  pid_t dead = dead_pid();
  snprintf(path, sizeof path, "%s/.P000.json.tmp-%ld-AbC123", json, (long)dead);
  write_file(path, "{\"half\": ");
  snprintf(path, sizeof path, "%s/.P001.json.tmp-%ld-xyz789", json, (long)getpid()); /* alive */
  write_file(path, "{");
  snprintf(path, sizeof path, "%s/.P002.json.tmp-%ld-qqqqqq", json, (long)dead);
  cr_assert_eq(symlink("elsewhere", path), 0);
  snprintf(path, sizeof path, "%s/notes.tmp-%ld-abcdef", json, (long)dead); /* not hidden: not ours */
  write_file(path, "notes");
  snprintf(cmd, sizeof cmd, "%s batch %s/catalogue.csv -q --json-dir %s -o %s/out.csv", PCF_BINARY, dir, json, dir);
  cr_expect_eq(run(cmd, &err), 0, "%s", err);
  char want[512];
  snprintf(want, sizeof want,
           ".P001.json.tmp-%ld-xyz789 .P002.json.tmp-%ld-qqqqqq P000.json P001.json notes.tmp-%ld-abcdef",
           (long)getpid(), (long)dead, (long)dead);
  cr_expect_str_eq(listing(json), want);
  free(err);
  remove_dir();
}

/* Every document under its final name is whole, whenever the batch is killed; the next run
 * leaves no temporary. Documents reach their final names in groups of 1,024 (or a second's), the
 * first group at the end when a batch takes less than a second, as 400 toy cars do (0.08 s): so
 * ROWS is more than two groups, and the batch is killed once the first group is there. */
enum { ROWS = 3000 };
static void killed_batch(int sig) {
  make_dir();
  toy_catalogue(ROWS);
  char json[128], cmd[1024];
  snprintf(json, sizeof json, "%s/json", dir);
  snprintf(cmd, sizeof cmd,
           "exec %s batch %s/catalogue.csv -q --threads 2 --hotspots --json-dir %s -o %s/out.csv 2>%s/batch.err",
           PCF_BINARY, dir, json, dir, dir);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  /* Killed once some documents are written (within 60 s). */
  int status, written = 0, ended = 0;
  for (int i = 0; i < 6000 && !written && !ended; i++) {
    ended = waitpid(pid, &status, WNOHANG) == pid;
    DIR *d = opendir(json);
    for (struct dirent *de; d && (de = readdir(d));) written += strstr(de->d_name, ".json") && de->d_name[0] == 'P';
    if (d) closedir(d);
    if (!written && !ended) nanosleep(&(struct timespec){0, 10000000}, NULL);
  }
  cr_assert(!ended || !written, "the batch finished (%d documents) before it could be killed", written);
  if (!written) {
    char path[256];
    snprintf(path, sizeof path, "%s/batch.err", dir);
    char *text = slurp(path, NULL);
    cr_assert_fail("the batch wrote no document; %s %d; its standard error: %s",
                   !ended                ? "still running after 60 s"
                   : WIFSIGNALED(status) ? "ended by signal"
                                         : "exited with",
                   !ended                ? 0
                   : WIFSIGNALED(status) ? WTERMSIG(status)
                                         : WEXITSTATUS(status),
                   text ? text : "(none)");
  }
  kill(pid, sig);
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == sig, "not ended by signal %d mid-run: status %d", sig, status);
  int temps = 0, whole = 0;
  DIR *d = opendir(json);
  cr_assert(d);
  for (struct dirent *de; (de = readdir(d));) {
    if (de->d_name[0] == '.' && strstr(de->d_name, ".tmp-")) temps++;
    if (de->d_name[0] != 'P') continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", json, de->d_name);
    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    cr_expect(doc, "%s is not whole: %s", path, je.text);
    if (doc) cr_expect_str_eq(json_string_value(json_object_get(doc, "product")), TOY_NAME);
    json_decref(doc);
    whole++;
  }
  closedir(d);
  cr_expect_gt(whole, 0);
  /* SIGTERM: the handler removed the temporaries being written; SIGKILL may leave some. */
  if (sig == SIGTERM) cr_expect_eq(temps, 0, "%d temporaries left after SIGTERM", temps);
  char *err;
  snprintf(cmd, sizeof cmd, "%s batch %s/catalogue.csv -q --threads 2 --json-dir %s -o %s/out.csv", PCF_BINARY, dir,
           json, dir);
  cr_expect_eq(run(cmd, &err), 0, "%s", err);
  free(err);
  d = opendir(json);
  temps = whole = 0;
  for (struct dirent *de; (de = readdir(d));)
    temps += strstr(de->d_name, ".tmp-") != NULL, whole += de->d_name[0] == 'P';
  closedir(d);
  cr_expect_eq(temps, 0, "temporaries left after the next run");
  cr_expect_eq(whole, ROWS);
  remove_dir();
}

Test(outputs, a_batch_killed_by_sigkill_leaves_no_half_document, .timeout = 240) { killed_batch(SIGKILL); }
Test(outputs, a_batch_ended_by_sigterm_removes_its_temporaries, .timeout = 240) { killed_batch(SIGTERM); }

/* Two rows with one id: the later fails naming the first; its document is not written over. */
Test(outputs, duplicate_ids_fail_the_later_row_naming_the_first) {
  make_dir();
  char path[128], cmd[1024], *err;
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  write_file(path, "id,product\nA," TOY "\nB," KETTLE "\nA," KETTLE "\na/b," TOY "\na_b," KETTLE "\nA_b," KETTLE "\n");
  snprintf(cmd, sizeof cmd, "%s batch %s -q --json-dir %s/json -o %s/out.csv --errors %s/errors.csv", PCF_BINARY, path,
           dir, dir, dir);
  cr_expect_eq(run(cmd, &err), 1, "%s", err);
  free(err);
  char file[256];
  snprintf(file, sizeof file, "%s/errors.csv", dir);
  char *errors = slurp(file, NULL);
  cr_assert(errors);
  /* Lines 4, 6 and 7 of the catalogue fail; 2, 3 and 5 are computed. */
  cr_expect(strstr(errors, "A,") && strstr(errors, ",4,input,\"id \"\"A\"\" is already the id of line 2 ("), "%s",
            errors);
  cr_expect(strstr(errors, ",6,input,\"id \"\"a_b\"\" and id \"\"a/b\"\" of line 5 ("), "%s", errors);
  cr_expect(strstr(errors, ",7,input,\"id \"\"A_b\"\" and id \"\"a/b\"\" of line 5 ("), "%s", errors);
  cr_expect(!strstr(errors, ",2,") && !strstr(errors, ",3,") && !strstr(errors, ",5,"), "%s", errors);
  free(errors);
  snprintf(file, sizeof file, "%s/json", dir);
  cr_expect_str_eq(listing(file), "A.json B.json a_b.json");
  /* A.json is row 2's (the toy car), a_b.json row 5's (the toy car too), not the kettle's. */
  static const char *docs[] = {"A.json", "a_b.json"};
  for (int k = 0; k < 2; k++) {
    snprintf(file, sizeof file, "%s/json/%s", dir, docs[k]);
    json_error_t je;
    json_t *doc = json_load_file(file, 0, &je);
    cr_assert(doc, "%s: %s", file, je.text);
    cr_expect_str_eq(json_string_value(json_object_get(doc, "product")), TOY_NAME);
    json_decref(doc);
  }
  remove_dir();
}

/* A folder of FOLDER/product.ini without ids: each row is named after its folder (it was
 * "product" for all, one document written over the other). */
Test(outputs, folder_catalogue_rows_take_their_folder_name) {
  make_dir();
  static const char *names[] = {"car-a", "car-b"};
  char path[256], cmd[1024], *err;
  for (int k = 0; k < 2; k++) {
    snprintf(path, sizeof path, "%s/cat/%s", dir, names[k]);
    snprintf(cmd, sizeof cmd, "mkdir -p %s", path);
    cr_assert_eq(system(cmd), 0);
    snprintf(path, sizeof path, "%s/cat/%s/product.ini", dir, names[k]);
    write_file(path, "[product]\nname = " TOY_NAME "\ndeclared_unit = 1 piece\nbom = " PCF_SOURCE_DIR
                     "/cases/toy-car/bom.csv\nmethod = AR6\n");
  }
  snprintf(cmd, sizeof cmd, "%s batch %s/cat -q --json-dir %s/json -o %s/out.csv", PCF_BINARY, dir, dir, dir);
  cr_expect_eq(run(cmd, &err), 0, "%s", err);
  free(err);
  snprintf(path, sizeof path, "%s/json", dir);
  cr_expect_str_eq(listing(path), "car-a.json car-b.json");
  snprintf(path, sizeof path, "%s/out.csv", dir);
  char *csv = slurp(path, NULL);
  cr_assert(csv);
  cr_expect(strstr(csv, "\ncar-a,") && strstr(csv, "\ncar-b,"), "%s", csv);
  free(csv);
  remove_dir();
}
