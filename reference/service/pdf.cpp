// GET /resumes/{id}/pdf and /resumes/{id}/cover-letter/pdf, rendered by the
// reference's own small PDF writer (the backend prints its frontend with Chromium).
#include <sstream>

#include "reference/domain/pdf_writer.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_markdown.hpp"
#include "reference/service/resume_service.hpp"
#include "reference/service/service_support.hpp"

namespace rm {

using namespace service_detail;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

PdfLayout layout_of(const PdfOptions& options) {
  PdfLayout layout;
  layout.page_size = options.page_size == "LETTER" ? PageSize::kLetter : PageSize::kA4;
  // The writer has one margin; the four requested ones are averaged.
  layout.margin_mm =
      (options.margin_top + options.margin_bottom + options.margin_left + options.margin_right) /
      4.0;
  // fontSize 1..5 with 3 the default -> 9..13 pt around the writer's 11 pt.
  layout.font_size_pt = 8.0 + options.font_size;
  return layout;
}

}  // namespace

Outcome<PdfFile> ResumeService::resume_pdf(const std::string& resume_id,
                                           const PdfOptions& options) {
  return guarded<PdfFile>("resume pdf", [&]() -> Outcome<PdfFile> {
    const auto resume = ports_.store->get_resume(resume_id);
    if (!resume) return not_found("Resume not found");
    const Json processed = field_or(*resume, "processed_data", nullptr);
    std::vector<std::string> lines;
    std::string title = string_field(*resume, "filename", "Resume");
    auto check = processed.is_object() && !processed.empty()
                     ? validate_resume_data(with_default_section_meta(processed))
                     : ResumeDataCheck{nullptr, std::string("no processed data")};
    if (check.ok()) {
      lines = resume_to_lines(check.data);
      const std::string name = check.data["personalInfo"].value("name", "");
      if (!name.empty()) title = name;
    } else {
      lines = split_lines(string_field(*resume, "content"));
    }
    return PdfFile{write_text_pdf(lines, title, layout_of(options)),
                   "resume_" + resume_id + ".pdf"};
  });
}

Outcome<PdfFile> ResumeService::cover_letter_pdf(const std::string& resume_id,
                                                 const PdfOptions& options) {
  return guarded<PdfFile>("cover letter pdf", [&]() -> Outcome<PdfFile> {
    const auto resume = ports_.store->get_resume(resume_id);
    if (!resume) return not_found("Resume not found");
    const std::string letter = string_field(*resume, "cover_letter");
    if (letter.empty()) return not_found("No cover letter found for this resume");
    return PdfFile{write_text_pdf(split_lines(letter), "Cover letter", layout_of(options)),
                   "cover_letter_" + resume_id + ".pdf"};
  });
}

}  // namespace rm
