#include "shell/shell.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace entente::shell {

std::atomic<bool> Shell::cancel_flag{false};
std::atomic<bool> Shell::running{false};

Shell::Shell(Database& db, std::ostream& out, std::ostream& err)
    : db_(db), session_(db), out_(out), err_(err) {
  vocabulary_.dot_commands = dotCommandNames();
}

void Shell::printError(const Error& error) {
  err_ << "Error: " << error.codeName();
  if (error.detail() != ErrorDetail::kNone) err_ << " (" << error.detailName() << ")";
  err_ << ": " << error.message() << '\n';
  err_.flush();
}

bool Shell::run(const Piece& piece) {
  return piece.kind == Piece::Kind::kDotCommand ? runDotCommand(piece.text)
                                                : runStatement(piece.text);
}

bool Shell::runStatement(const std::string& text) {
  QueryOptions options;
  options.cancel = &cancel_flag;
  cancel_flag = false;
  running = true;
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result = session_.run(text, params_, options);
  double elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  running = false;
  cancel_flag = false;
  show(result, elapsed);
  if (!result.ok()) return false;
  const Stats& s = result.stats();
  if (s.nodes_created || s.nodes_deleted || s.relationships_created || s.relationships_deleted ||
      s.properties_set || s.properties_removed || s.labels_added || s.labels_removed)
    vocabulary_stale_ = true;
  last_result_ = std::move(result);
  return true;
}

std::string Shell::prompt(bool continuation) const {
  if (continuation) return "   ...> ";
  return !session_.inTransaction()      ? "entente> "
         : session_.transactionFailed() ? "entente!> "
                                        : "entente*> ";
}

bool Shell::endSession() {
  if (!session_.rollback()) return true;
  printError(Error(ErrorCode::kTransactionError,
                   "the session ended with a transaction open: it was rolled back"));
  return false;
}

void Shell::show(const QueryResult& result, double elapsed_ms) {
  if (mode_ == OutputMode::kJson) writeJson(out_, result);  // errors too: one line per statement
  if (!result.ok()) {
    out_.flush();
    printError(result.error());
    return;
  }
  for (const auto& notice : result.notices()) err_ << "Notice: " << notice << '\n';
  switch (mode_) {
    case OutputMode::kTable: {
      writeTable(out_, result, width_);
      std::string summary = statsSummary(result.stats());
      if (!summary.empty())
        out_ << summary << '\n';
      else if (result.columns().empty())
        out_ << "OK\n";
      break;
    }
    case OutputMode::kCsv: writeCsv(out_, result); break;
    case OutputMode::kDot: writeDot(out_, result); break;
    case OutputMode::kJson: break;
  }
  if (timer_) (mode_ == OutputMode::kTable ? out_ : err_) << "Run Time: " << elapsed_ms << " ms\n";
  out_.flush();
  err_.flush();
}

bool Shell::runText(std::string_view text) {
  StatementSplitter splitter;
  bool ok = true;
  std::vector<Piece> pieces = splitter.feed(text);
  for (auto& p : splitter.finish()) pieces.push_back(std::move(p));
  for (const auto& p : pieces) {
    if (quit_) break;
    ok = run(p) && ok;
  }
  return ok;
}

bool Shell::runFile(const std::string& path) {
  if (read_depth_ >= 16) {
    printError(Error(ErrorCode::kArgumentError, ".read nested too deeply (16 levels) at " + path));
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    printError(Error(ErrorCode::kIOError, "cannot read " + path));
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  ++read_depth_;
  bool ok = runText(buffer.str());
  --read_depth_;
  return ok;
}

std::vector<std::string> Shell::firstColumn(const std::vector<std::string>& queries) {
  QueryOptions options;
  options.timeout = std::chrono::milliseconds(1500);  // completion must not hang on a big graph
  options.max_rows = 50000;
  for (const auto& q : queries) {
    QueryResult r = db_.query(q, {}, options);
    if (!r.ok()) continue;
    std::vector<std::string> out;
    for (const auto& row : r.rows())
      if (!row.empty() && row[0].isString()) out.push_back(row[0].asString());
    return out;
  }
  return {};
}

void Shell::refreshVocabulary() {
  // Neo4j-style procedures first; plain queries if the engine has no such procedure.
  vocabulary_.labels = firstColumn({"CALL db.labels() YIELD label RETURN label",
                                    "MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l"});
  vocabulary_.relation_types =
      firstColumn({"CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
                   "MATCH ()-[r]->() RETURN DISTINCT type(r)"});
  vocabulary_.property_keys =
      firstColumn({"CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
                   "MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k"});
  vocabulary_.entity_names =
      firstColumn({"MATCH (n) WHERE n.name IS NOT NULL RETURN DISTINCT n.name LIMIT 20000"});
  vocabulary_stale_ = false;
}

std::vector<std::string> Shell::complete(std::string_view before_cursor, size_t* word_start) {
  if (vocabulary_stale_) refreshVocabulary();
  return completeAt(before_cursor, vocabulary_, word_start);
}

}  // namespace entente::shell
