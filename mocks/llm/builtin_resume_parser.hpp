#pragma once
// The builtin model's resume parser: markdown (or plain text) -> ResumeData JSON.
// A deterministic reading of a simple, documented layout; anything it does not
// recognise is left out rather than guessed.
//
// Accepted format (every part optional):
//
//   # Jane Doe                                   <- name: first non-empty line (#, * stripped)
//   Senior Backend Engineer                      <- title: next short line that is not contact
//   jane@example.com | +1 555 010 0199 | Berlin  <- contact line: segments split on | • ·
//   https://jane.dev | linkedin.com/in/jane | github.com/jane
//   Backend engineer with eight years ...        <- other header text: summary (if no section)
//
//   ## Summary              (also Profile, Objective, About)
//   Backend engineer with eight years ...        <- joined into `summary`
//
//   ## Experience           (also Work Experience, Employment, Professional Experience)
//   ### Senior Engineer at Acme Corp (2020 - Present)   <- "Title at Company (Years)"
//   - Built the billing pipeline in Python              <- bullets: description
//   Engineer | Beta GmbH | 2016 - 2020                  <- "Title | Company | Years" also works
//
//   ## Education
//   B.S. Computer Science at State University (2012 - 2016)  <- "Degree at Institution (Years)"
//   Graduated with honours                              <- plain line after it: description
//
//   ## Projects             (also Personal Projects)
//   Tiny Tool | Maintainer | 2021 - Present             <- "Name | Role | Years" / "Name at Role
//   (Years)"
//   - A command-line tool                               <- bullets: description
//
//   ## Skills               (also Technical Skills) lines split on , ; | •
//   ## Languages / ## Certifications / ## Awards        bullets, or lines split on , ;
//
// Anywhere: "Skills: a, b", "Languages: a, b", "Certifications: a", "Awards: a",
// "Email: x", "Phone: x", "Location: x", "Website: x", "LinkedIn: x", "GitHub: x".
// Entry separators besides " at ": " @ ", " — ", " – ". Contact segments: an
// email (has @), a link (linkedin.com -> linkedin, github.com -> github, other
// http(s):// or www. -> website), a phone (7-15 digits and + - ( ) . space), and
// the first other segment of a contact line -> location. Unknown "#"/"##"
// sections are skipped; "###" lines are entries of the current section.
#include <string_view>

#include "reference/ports/document.hpp"

namespace rm::builtin {

// A ResumeData object with every standard field present.
Json parse_resume_markdown(std::string_view markdown);

}  // namespace rm::builtin
