#include "reference/domain/pdf_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "reference/domain/preview_hash.hpp"

namespace rm {
namespace {

// Helvetica advance widths (1/1000 em) for WinAnsi 32..126, from the font's AFM.
constexpr int kAsciiWidths[95] = {
    278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' '../
    556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @..O
    667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P.._
    333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // `..o
    556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};      // p..~

double glyph_width(unsigned char c) {
  if (c >= 32 && c <= 126) return kAsciiWidths[c - 32];
  if (c >= 0xC0 && c <= 0xDE) return 722;  // accented capitals: the wide end
  return 556;                              // other Latin-1: a typical lowercase width
}

// Decodes (already NFC, valid) UTF-8 into code points.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// UTF-8 -> the single bytes of WinAnsi/Latin-1 that Helvetica can show.
std::string to_latin1(std::string_view utf8) {
  std::string out;
  for (char32_t cp : code_points(nfc_normalize(utf8))) {
    if (cp == '\t' || cp == '\r' || cp == '\n') {
      out.push_back(' ');
    } else if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF)) {
      out.push_back(static_cast<char>(cp));
    } else {
      out.push_back('?');  // controls, C1 and everything beyond Latin-1
    }
  }
  return out;
}

double text_width(std::string_view latin1, double font_size) {
  double units = 0;
  for (char c : latin1) units += glyph_width(static_cast<unsigned char>(c));
  return units * font_size / 1000.0;
}

// Greedy word wrap; a word wider than the line is cut between characters.
std::vector<std::string> wrap(const std::string& line, double max_width, double font_size) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    out.push_back(current);
    current.clear();
  };
  std::size_t pos = 0;
  while (pos <= line.size()) {
    std::size_t end = line.find(' ', pos);
    if (end == std::string::npos) end = line.size();
    std::string word = line.substr(pos, end - pos);
    pos = end + 1;
    const std::string candidate = current.empty() ? word : current + " " + word;
    if (text_width(candidate, font_size) <= max_width) {
      current = candidate;
      continue;
    }
    if (!current.empty()) flush();
    while (text_width(word, font_size) > max_width && word.size() > 1) {
      std::size_t fit = 1;
      while (fit < word.size() && text_width(word.substr(0, fit + 1), font_size) <= max_width)
        ++fit;
      out.push_back(word.substr(0, fit));
      word.erase(0, fit);
    }
    current = word;
  }
  flush();
  return out;
}

// A PDF literal string: ( ) \ escaped, bytes outside printable ASCII as octal.
std::string literal(std::string_view bytes) {
  std::string out = "(";
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '(' || c == ')' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c > 0x7E) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  out.push_back(')');
  return out;
}

// The title as UTF-16BE with a byte-order mark: any character survives in metadata.
std::string utf16_hex(std::string_view utf8) {
  std::string out = "<FEFF";
  auto unit = [&out](unsigned u) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFF);
    out += buf;
  };
  for (char32_t cp : code_points(nfc_normalize(utf8))) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  out.push_back('>');
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

class PdfFile {
 public:
  PdfFile() { out_ = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"; }

  // Objects are numbered in the order they are added, from 1.
  void add(const std::string& body) {
    offsets_.push_back(out_.size());
    out_ += std::to_string(offsets_.size()) + " 0 obj\n" + body + "\nendobj\n";
  }

  void add_stream(const std::string& data) {
    add("<< /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream");
  }

  std::string finish(int root, int info) {
    const std::size_t xref = out_.size();
    out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets_) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", offset);
      out_ += buf;
    }
    out_ += "trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " +
            std::to_string(root) + " 0 R /Info " + std::to_string(info) + " 0 R >>\nstartxref\n" +
            std::to_string(xref) + "\n%%EOF\n";
    return std::move(out_);
  }

 private:
  std::string out_;
  std::vector<std::size_t> offsets_;
};

}  // namespace

std::string write_text_pdf(const std::vector<std::string>& lines, const std::string& title,
                           const PdfLayout& layout) {
  const bool a4 = layout.page_size == PageSize::kA4;
  const double width = a4 ? 595 : 612;
  const double height = a4 ? 842 : 792;
  const double font_size = std::clamp(layout.font_size_pt, 4.0, 72.0);
  const double leading = font_size * 1.2;
  // Margins that leave less than an inch of text are clamped rather than refused.
  const double margin =
      std::clamp(layout.margin_mm * 72.0 / 25.4, 0.0, (std::min(width, height) - 72.0) / 2);
  const double text_width_pt = width - 2 * margin;

  std::vector<std::string> wrapped;
  for (const std::string& line : lines) {
    // Embedded newlines start new lines, as a reader of the text would expect.
    std::size_t start = 0;
    while (true) {
      const std::size_t nl = line.find('\n', start);
      const std::string part = to_latin1(line.substr(start, nl - start));
      for (std::string& w : wrap(part, text_width_pt, font_size)) wrapped.push_back(std::move(w));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  const double top = height - margin - font_size;
  const auto per_page = static_cast<std::size_t>(
      std::max(1.0, std::floor((height - 2 * margin - font_size) / leading) + 1));
  const std::size_t pages = std::max<std::size_t>(1, (wrapped.size() + per_page - 1) / per_page);

  // 1 catalog, 2 page tree, 3 font, 4 info, then (page, contents) pairs.
  PdfFile pdf;
  pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (std::size_t p = 0; p < pages; ++p) {
    kids += (p ? " " : "") + std::to_string(5 + 2 * p) + " 0 R";
  }
  pdf.add("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  pdf.add("<< /Title " + utf16_hex(title) + " /Producer (resume-matcher reference) >>");
  for (std::size_t p = 0; p < pages; ++p) {
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(width) + " " + number(height) +
            "] /Resources << /Font << /F1 3 0 R >> >> /Contents " + std::to_string(6 + 2 * p) +
            " 0 R >>");
    std::string content = "BT\n/F1 " + number(font_size) + " Tf\n" + number(leading) + " TL\n" +
                          number(margin) + " " + number(top) + " Td\n";
    const std::size_t first = p * per_page;
    const std::size_t last = std::min(wrapped.size(), first + per_page);
    for (std::size_t i = first; i < last; ++i) {
      if (i > first) content += "T*\n";
      if (!wrapped[i].empty()) content += literal(wrapped[i]) + " Tj\n";
    }
    content += "ET";
    pdf.add_stream(content);
  }
  return pdf.finish(1, 4);
}

}  // namespace rm
