// Crash safety: a child process writes through a FileStore and acknowledges each
// write on a pipe after the call returned; the parent SIGKILLs it right after
// reading the k-th acknowledgement (k varies per round, no timing involved), then
// reopens the file. The file must always parse, and every acknowledged write must
// be in it.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "mocks/store/file_store.hpp"
#include "reference/domain/ids.hpp"
#include "scenarios/store/store_files.hpp"
#include "scenarios/support/temp_dir.hpp"

namespace rm {
namespace {

constexpr int kRounds = 50;
// Upper bound on a child's writes; it is killed long before.
constexpr int kMaxWrites = 5000;

void write_line(int fd, const std::string& line) {
  std::string_view rest = line;
  while (!rest.empty()) {
    ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ::_exit(4);
    }
    rest.remove_prefix(static_cast<size_t>(n));
  }
}

// The child: a stream of writes of every kind, each acknowledged once it returned.
[[noreturn]] void run_writer(const std::filesystem::path& db, int ack_fd, int round) {
  try {
    // new_uuid4's engine is seeded once per process and a fork copies its state,
    // so every child would draw the same ids. Each round skips to its own stretch
    // of the sequence (a child makes far fewer than kMaxWrites ids).
    for (int skip = 0; skip < round * kMaxWrites; ++skip) (void)new_uuid4();
    FileStore store(db);
    std::string resume;
    std::string job;
    for (int i = 0; i < kMaxWrites; ++i) {
      const std::string tag = std::to_string(round) + "-" + std::to_string(i);
      std::string ack;
      switch (i % 5) {
        case 0: {
          NewResume r;
          r.content = "resume " + tag;
          r.content_type = "md";
          resume = store.create_resume(r, MasterPolicy::kMasterIfNone)["resume_id"];
          ack = "R " + resume;
          break;
        }
        case 1:
          job = store.create_job({"job " + tag, resume})["job_id"];
          ack = "J " + job;
          break;
        case 2:
          if (!store.update_resume(resume, {{"cover_letter", "c" + tag}})) ::_exit(5);
          ack = "C " + resume + " c" + tag;
          break;
        case 3:
          if (!store.set_preview_hash(job, "p" + tag, "h" + tag)) ::_exit(5);
          ack = "H " + job + " p" + tag + " h" + tag;
          break;
        default:
          if ((i / 5) % 2 == 0) {
            if (!store.delete_resume(resume)) ::_exit(5);
            ack = "D " + resume;
          } else {
            store.create_improvement({resume, resume, job, Json::array()});
            ack = "I " + resume;
          }
          break;
      }
      write_line(ack_fd, ack + "\n");
    }
    ::_exit(0);
  } catch (const std::exception& e) {
    write_line(ack_fd, std::string("E ") + e.what() + "\n");
    ::_exit(3);
  }
}

// Reads newline-terminated acknowledgements from a pipe.
class AckReader {
 public:
  explicit AckReader(int fd) : fd_(fd) {}
  // The next line, or false at end of file.
  bool next(std::string& line) {
    for (;;) {
      size_t eol = buffer_.find('\n');
      if (eol != std::string::npos) {
        line = buffer_.substr(0, eol);
        buffer_.erase(0, eol + 1);
        return true;
      }
      char chunk[4096];
      ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

// What the acknowledged writes promise about the database.
struct Expected {
  std::set<std::string> resumes;
  std::set<std::string> deleted;
  std::map<std::string, std::string> cover_letters;
  std::set<std::string> jobs;
  std::map<std::string, std::map<std::string, std::string>> hashes;
  std::set<std::string> improvements;
  int acks = 0;
  int round_acks = 0;       // acknowledgements of the current round's writer
  std::string last_resume;  // the current round's latest acknowledged resume

  void start_round() {
    round_acks = 0;
    last_resume.clear();
  }

  // The write after the last acknowledgement may or may not have happened before
  // the kill (the writer runs ahead of its acknowledgements). Creates and new
  // hashes only add records nobody checks; a cover-letter update or a delete of
  // the latest resume changes an acknowledged one: take whichever the file holds.
  void settle_unacknowledged(int round, Store& store) {
    const int next = round_acks;
    if (last_resume.empty()) return;
    const auto stored = store.get_resume(last_resume);
    if (next % 5 == 2) {
      const std::string letter = "c" + std::to_string(round) + "-" + std::to_string(next);
      if (stored && stored->contains("cover_letter") && (*stored)["cover_letter"] == letter) {
        cover_letters[last_resume] = letter;
      }
    } else if (next % 5 == 4 && (next / 5) % 2 == 0 && !stored) {
      resumes.erase(last_resume);
      cover_letters.erase(last_resume);
      deleted.insert(last_resume);
    }
  }

  void apply(const std::string& line) {
    std::istringstream in(line);
    std::string kind, id, a, b;
    in >> kind >> id >> a >> b;
    ASSERT_NE(kind, "E") << "writer failed: " << line;
    ++acks;
    ++round_acks;
    if (kind == "R") {
      resumes.insert(id);
      last_resume = id;
    }
    if (kind == "J") jobs.insert(id);
    if (kind == "C") cover_letters[id] = a;
    if (kind == "H") hashes[id][a] = b;
    if (kind == "I") improvements.insert(id);
    if (kind == "D") {
      resumes.erase(id);
      cover_letters.erase(id);
      deleted.insert(id);
    }
  }

  void check(Store& store) const {
    for (const auto& id : resumes) ASSERT_TRUE(store.get_resume(id).has_value()) << id;
    for (const auto& id : deleted) ASSERT_FALSE(store.get_resume(id).has_value()) << id;
    for (const auto& [id, letter] : cover_letters) {
      ASSERT_EQ(store.get_resume(id)->value("cover_letter", ""), letter) << id;
    }
    for (const auto& id : jobs) ASSERT_TRUE(store.get_job(id).has_value()) << id;
    for (const auto& [job, prompts] : hashes) {
      Json stored = store.get_job(job)->value("preview_hashes", Json::object());
      for (const auto& [prompt, hash] : prompts) {
        ASSERT_EQ(stored.value(prompt, ""), hash) << job << " " << prompt;
      }
    }
    for (const auto& id : improvements) {
      ASSERT_TRUE(store.get_improvement_by_tailored_resume(id).has_value()) << id;
    }
  }
};

TEST(FileStoreCrash, EveryAcknowledgedWriteSurvivesSigkill) {
  test::TempDir dir("rm-crash");
  const auto db = dir.path() / "database.json";
  Expected expected;
  int kills = 0;
  for (int round = 0; round < kRounds; ++round) {
    // Kill after 0..36 acknowledgements; 0 kills the child while it opens the file.
    const int kill_after = (round * 7) % 37;
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      run_writer(db, fds[1], round);
    }
    ::close(fds[1]);
    expected.start_round();
    AckReader acks(fds[0]);
    std::string line;
    for (int k = 0; k < kill_after; ++k) {
      ASSERT_TRUE(acks.next(line)) << "writer ended early, round " << round;
      expected.apply(line);
      if (HasFatalFailure()) return;
    }
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << " status " << status;
    ++kills;
    // Acknowledgements already in the pipe were also returned before the kill.
    while (acks.next(line)) {
      expected.apply(line);
      if (HasFatalFailure()) return;
    }
    ::close(fds[0]);

    // The file always parses (or was never written) and holds every acknowledged write.
    if (std::filesystem::exists(db)) {
      const std::string text = test::read_text(db);
      EXPECT_TRUE(Json::accept(text)) << "round " << round;
    }
    FileStore reopened(db);
    expected.settle_unacknowledged(round, reopened);
    expected.check(reopened);
    if (HasFatalFailure()) {
      ADD_FAILURE() << "round " << round << " after " << kill_after << " acknowledgements";
      return;
    }
    int masters = 0;
    for (const auto& r : reopened.list_resumes()) masters += r.value("is_master", false) ? 1 : 0;
    EXPECT_LE(masters, 1) << "round " << round;
  }
  RecordProperty("kills", kills);
  RecordProperty("acknowledged_writes", expected.acks);
  std::cout << "[ crash    ] " << kills << " SIGKILLs, " << expected.acks
            << " acknowledged writes, all present after reopen\n";
  EXPECT_EQ(kills, kRounds);
  EXPECT_GT(expected.acks, kRounds);
}

}  // namespace
}  // namespace rm
