#pragma once
// A ResumeData rendered as markdown (markdownOriginal / markdownImproved) and as
// plain text lines (for the PDF).
#include <string>
#include <vector>

#include "reference/ports/document.hpp"

namespace rm {

std::string resume_to_markdown(const Json& resume_data);
std::vector<std::string> resume_to_lines(const Json& resume_data);

}  // namespace rm
