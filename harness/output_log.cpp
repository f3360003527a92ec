#include "harness/output_log.hpp"

#include <stdexcept>

#include "harness/text.hpp"

namespace rm::harness {

OutputLog::OutputLog(std::filesystem::path file, std::ostream* echo)
    : file_(std::move(file)), echo_(echo), out_(file_, std::ios::binary | std::ios::trunc) {
  if (!out_) throw std::runtime_error("cannot create " + file_.string());
}

void OutputLog::write_line(std::string_view source, std::string_view line) {
  std::string text = "[" + std::string(source) + "] " + printable(line);
  std::lock_guard lock(mutex_);
  out_ << text << '\n' << std::flush;
  if (echo_ != nullptr) *echo_ << text << '\n' << std::flush;
  tail_.push_back(std::move(text));
  if (tail_.size() > kTailLines) tail_.pop_front();
}

std::string OutputLog::tail() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const std::string& line : tail_) out += line + "\n";
  return out;
}

}  // namespace rm::harness
