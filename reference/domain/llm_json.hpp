#pragma once
// Pulls the JSON object out of a model's answer: bare JSON, JSON in ```json
// fences, or the outermost {...} inside prose. nullopt when there is none that parses.
#include <optional>
#include <string_view>

#include "reference/ports/document.hpp"

namespace rm {

std::optional<Json> extract_json_object(std::string_view llm_text);

}  // namespace rm
