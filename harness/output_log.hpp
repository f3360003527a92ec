#pragma once
// Where the processes the harness starts write: stdout and stderr of the target
// and of mock-llm go, line by line and prefixed with the process's name, to one
// file (target.log in the report dir, or a temporary file), and to the console
// only when asked (--verbose). A chatty target never blocks on a full pipe and its
// tracebacks never interleave with the harness's own output.
#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace rm::harness {

class OutputLog {
 public:
  // Creates (truncates) `file`. `echo`: also copy each line there (nullptr = no).
  // Throws std::runtime_error when the file cannot be created.
  OutputLog(std::filesystem::path file, std::ostream* echo);

  // One line of `source` ("target", "mock-llm"); thread-safe.
  void write_line(std::string_view source, std::string_view line);
  const std::filesystem::path& file() const { return file_; }
  // The last lines written (at most kTailLines), for error messages.
  std::string tail() const;

  static constexpr std::size_t kTailLines = 20;

 private:
  std::filesystem::path file_;
  std::ostream* echo_;
  mutable std::mutex mutex_;
  std::ofstream out_;
  std::deque<std::string> tail_;
};

}  // namespace rm::harness
