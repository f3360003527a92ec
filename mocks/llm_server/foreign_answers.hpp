#pragma once
// mock-llm's built-in answers to prompts written for a real model (requests
// without X-Operation), built from what the prompt is about (PromptReader) and
// BuiltinLlm's deterministic content, never from the prompt's instructions:
//
//  parse_resume      the prompt's resume parsed (mocks/llm/builtin_resume_parser.hpp)
//  extract_keywords  BuiltinLlm's reading of the job text alone, plus experience_years
//                    ("7+ years" -> 7, else null) and seniority_level (from the title)
//  improve           BuiltinLlm::improve of the prompt's resume (markdown parsed, or JSON)
//                    for the job, its keywords object and the prompt_id, keeping the
//                    resume's own personalInfo (only a wrong_but_valid fault invents one)
//  refine            the resume being tailored (never the master) with the listed
//                    keywords that it lacks and the master supports added to its
//                    summary (sorted, so the keyword order of the prompt does not matter)
//  cover_letter,     plain text naming the job's title and company, the person, and the
//  outreach          person's skills the job asks for; the greeting in the prompt's language
//  enrichment_*      enrichment_answers.hpp
//  health            a short greeting
//  unknown           a generic JSON object when the caller wants JSON, else a short text
//
// JSON answers are serialised with sorted keys. The same request gives the same answer.
#include <map>
#include <string>

#include "mocks/llm_server/chat_request.hpp"

namespace rm {

std::string foreign_answer(const std::string& operation,
                           const std::map<std::string, std::string>& args,
                           const ChatRequest& request);

}  // namespace rm
