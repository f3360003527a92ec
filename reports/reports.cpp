#include "reports/reports.hpp"

#include <fstream>
#include <functional>
#include <stdexcept>
#include <system_error>

#include "reports/html_report.hpp"

namespace rm::harness {
namespace {

std::filesystem::path write_file(const std::filesystem::path& path,
                                 const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  write(out);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return path;
}

}  // namespace

std::vector<std::filesystem::path> write_reports(const RunResult& run,
                                                 const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
  return {
      write_file(dir / "junit.xml", [&](std::ostream& out) { write_junit(run, out); }),
      write_file(dir / "summary.md", [&](std::ostream& out) { write_summary_markdown(run, out); }),
      write_file(dir / "results.json", [&](std::ostream& out) { write_results_json(run, out); }),
      write_file(dir / "report.html", [&](std::ostream& out) { write_html_report(run, out); }),
  };
}

}  // namespace rm::harness
