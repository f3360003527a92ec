#pragma once
// Text helpers shared by the reports: responses may carry any bytes (a PDF, a
// target's broken output), while XML, JSON and Markdown need valid UTF-8.
#include <string>
#include <string_view>

namespace rm::harness {

// The length of the well-formed UTF-8 sequence starting at text[i]; 0 when the
// bytes there are not one (a stray continuation byte, an overlong form, a
// surrogate, a truncated sequence).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Every ill-formed byte replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// sanitize_utf8, and every control character but tab and LF replaced by U+FFFD:
// safe to print on a terminal or in Markdown.
std::string printable(std::string_view text);

// Well-formed UTF-8 with no control characters other than tab, LF and CR.
bool is_printable_text(std::string_view text);

}  // namespace rm::harness
