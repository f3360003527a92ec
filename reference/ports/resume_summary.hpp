#pragma once
// What a listing of resumes needs of each stored record: the record without its
// bulky fields (content, processed_data, cover letter, outreach message), so that
// a store can answer a list without copying every document in full.
#include "reference/ports/document.hpp"

namespace rm {

// The fields resume_id, filename, is_master, parent_id, processing_status,
// created_at and updated_at, each only when the record has it. A record whose
// processing_status is not a non-empty string (a legacy record, API-005) also
// keeps content and processed_data, from which its status is inferred.
Document resume_summary(const Document& record);

}  // namespace rm
