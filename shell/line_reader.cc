#include "shell/line_reader.h"

#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "shell/completion.h"

namespace entente::shell {
namespace {

LineReader* self(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return static_cast<LineReader*>(data);
}

int terminalColumns() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

LineReader::LineReader(const char* program, std::string history_file, CompleteFn complete)
    : history_file_(std::move(history_file)), complete_(std::move(complete)) {
  HistEvent ev;
  hist_ = history_init();
  history(hist_, &ev, H_SETSIZE, 2000);
  history(hist_, &ev, H_SETUNIQUE, 1);
  if (!history_file_.empty()) history(hist_, &ev, H_LOAD, history_file_.c_str());

  el_ = el_init(program, stdin, stdout, stderr);
  el_set(el_, EL_CLIENTDATA, this);
  el_set(el_, EL_EDITOR, "emacs");
  el_set(el_, EL_SIGNAL, 1);  // redraw after resize / suspend
  el_set(el_, EL_HIST, history, hist_);
  el_set(el_, EL_PROMPT, &LineReader::promptFn);
  el_set(el_, EL_SETTY, "-d", "-isig", nullptr);
  // The wide el_wset: libedit's narrow EL_ADDFN wcsdup()s the name and help and never frees
  // them (a leak LeakSanitizer reports); the wide one keeps our static strings as they are.
  el_wset(el_, EL_ADDFN, L"entente-interrupt", L"Clear the line", &LineReader::interruptFn);
  el_set(el_, EL_BIND, "^C", "entente-interrupt", nullptr);
  el_wset(el_, EL_ADDFN, L"entente-complete", L"Complete the word", &LineReader::completeFn);
  el_set(el_, EL_BIND, "^I", "entente-complete", nullptr);
  el_source(el_, nullptr);  // the user's ~/.editrc, if any
}

LineReader::~LineReader() {
  if (el_) el_end(el_);
  if (hist_) history_end(hist_);
}

char* LineReader::promptFn(EditLine* el) { return self(el)->prompt_.data(); }

unsigned char LineReader::interruptFn(EditLine* el, int) {
  self(el)->interrupted_ = true;
  fputs("^C", stdout);
  return CC_NEWLINE;
}

unsigned char LineReader::completeFn(EditLine* el, int) {
  LineReader* me = self(el);
  const LineInfo* li = el_line(el);
  std::string before(li->buffer, li->cursor);
  size_t start = before.size();
  std::vector<std::string> candidates =
      me->complete_ ? me->complete_(before, &start) : std::vector<std::string>{};
  if (candidates.empty()) return CC_REFRESH_BEEP;
  std::string typed = before.substr(start);
  std::string replacement = candidates.size() == 1 ? candidates[0] : commonPrefix(candidates);
  if (replacement.size() > typed.size() || (candidates.size() == 1 && replacement != typed)) {
    el_deletestr(el, static_cast<int>(typed.size()));
    el_insertstr(el, replacement.c_str());
    return CC_REFRESH;
  }
  // No progress possible: list the candidates under the line, then redraw it.
  size_t widest = 0;
  for (const auto& c : candidates) widest = std::max(widest, c.size());
  int per_line = std::max(1, terminalColumns() / static_cast<int>(widest + 2));
  fputc('\n', stdout);
  for (size_t i = 0; i < candidates.size(); ++i) {
    fprintf(stdout, "%-*s", static_cast<int>(widest + 2), candidates[i].c_str());
    if ((i + 1) % per_line == 0 || i + 1 == candidates.size()) fputc('\n', stdout);
  }
  fflush(stdout);
  return CC_REDISPLAY;
}

LineReader::Result LineReader::read(const std::string& prompt, std::string* line) {
  prompt_ = prompt;
  interrupted_ = false;
  int count = 0;
  const char* text = el_gets(el_, &count);
  if (interrupted_) {
    fputc('\n', stdout);
    return Result::kInterrupted;
  }
  if (text == nullptr || count <= 0) return Result::kEof;
  line->assign(text, count);
  if (!line->empty() && line->back() == '\n') line->pop_back();
  return Result::kLine;
}

void LineReader::addHistory(const std::string& entry) {
  HistEvent ev;
  history(hist_, &ev, H_ENTER, entry.c_str());
  if (!history_file_.empty()) history(hist_, &ev, H_SAVE, history_file_.c_str());
}

}  // namespace entente::shell
