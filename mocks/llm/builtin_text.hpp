#pragma once
// Small text helpers shared by the builtin model's parts (ASCII-only case
// folding: the model is deterministic, not linguistic).
#include <string>
#include <string_view>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm::builtin {

std::string trim(std::string_view text);
std::string to_lower(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);
// Lines split on '\n' (a trailing '\r' is dropped), untrimmed.
std::vector<std::string> split_lines(std::string_view text);
// Splits on any of `separators`, trims the pieces, drops empty ones.
std::vector<std::string> split_any(std::string_view text, std::string_view separators);
// Removes markdown decoration around a line: leading '#', '*', '_', '>' and
// whitespace, trailing '*', '_' and whitespace.
std::string strip_markup(std::string_view line);
// Every occurrence of `what` (non-empty) replaced by `with`.
std::string replace_all(std::string_view text, std::string_view what, std::string_view with);
// "- x", "* x", "• x", "1. x" -> "x"; empty when the line is not a bullet.
std::string bullet_text(std::string_view line);
bool is_bullet(std::string_view line);
// The first `max_bytes` bytes, cut back to a UTF-8 character boundary.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);
// Every string value inside `value`, lower-cased and joined by '\n'.
std::string lowered_text_of(const Json& value);
// De-duplicates case-insensitively, keeping the first spelling and the order.
std::vector<std::string> unique_ci(const std::vector<std::string>& items);
// "a", "a and b", "a, b and c".
std::string join_human(const std::vector<std::string>& items);
// A letter's (formal) or a message's greeting in `language` (es, pt, zh, ja;
// any other code: English).
std::string greeting(const std::string& language, bool formal);
// Dumps JSON the same way every time (sorted keys, 2-space indent, invalid
// UTF-8 replaced rather than thrown on).
std::string stable_dump(const Json& value);

}  // namespace rm::builtin
