// shell/completion.h — what Tab offers at the cursor.
//
// Context decides the candidates: after `:` inside `[...]` relation types, inside `(...)`
// labels; after `.` or inside `{...}` property keys; inside a "…" or '…' string entity
// names (completed with the closing quote); at the start of a line beginning with `.`
// dot-commands; elsewhere keywords and functions. The vocabulary is handed in by the
// shell (fetched from the database), so this is pure and unit-testable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entente::shell {

struct Vocabulary {
  std::vector<std::string> labels, relation_types, property_keys, entity_names, dot_commands;
};

//! Candidates replacing before_cursor[*word_start, end); sorted, unique.
std::vector<std::string> completeAt(std::string_view before_cursor, const Vocabulary& vocabulary,
                                    size_t* word_start);

//! The longest common prefix of `candidates`.
std::string commonPrefix(const std::vector<std::string>& candidates);

}  // namespace entente::shell
