#pragma once
// mock-llm's answers to the Python backend's four enrichment prompts, built
// from the prompt (deterministic; the shapes are the backend's):
//
//  enrichment_analyze            {"items_to_enrich": [{item_id "exp_N"|"proj_N", item_type,
//                                 title, subtitle, current_description, weakness_reason}],
//                                 "questions": [{question_id "q_N", item_id, question,
//                                 placeholder}], "analysis_summary"}: the resume's experience
//                                 and project items with a bullet that has no number (at most
//                                 three), two questions each (at most six)
//  enrichment_enhance            {"additional_bullets": [...]}: the candidate's answers
//                                 ("A: ..." lines) as bullets (at most four), else one bullet
//                                 naming the item
//  enrichment_regenerate_item    {"new_bullets": [...], "change_summary"}: the current bullets,
//                                 each cut to its first clause
//  enrichment_regenerate_skills  {"new_skills": [...], "change_summary"}: the current skills,
//                                 de-duplicated, in their order
#include <string>

#include "mocks/llm_server/prompt_reader.hpp"
#include "reference/ports/document.hpp"

namespace rm {

// `operation` is one of the four above; any other gets an empty object.
Json enrichment_answer(const std::string& operation, const PromptReader& prompt);

}  // namespace rm
