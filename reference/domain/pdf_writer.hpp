#pragma once
// A tiny PDF 1.4 writer: lines of text in Helvetica on A4 or Letter pages,
// wrapped and paginated, with a correct xref table. Enough for pdfinfo and
// pdftotext to read the resume and cover-letter downloads.
#include <string>
#include <vector>

namespace rm {

enum class PageSize { kA4, kLetter };

struct PdfLayout {
  PageSize page_size = PageSize::kA4;
  double margin_mm = 10;
  double font_size_pt = 11;
};

// Non-Latin-1 characters are written as '?': the base-14 fonts cannot show them.
std::string write_text_pdf(const std::vector<std::string>& lines, const std::string& title,
                           const PdfLayout& layout);

}  // namespace rm
