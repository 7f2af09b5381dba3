// storage/key_codec.cc — key builders and the case folding of the name index.
#include "storage/key_codec.h"

namespace entente::storage::keys {

const char* const kCfNames[kCfCount] = {"default", "meta",  "dict",   "nodes", "out",
                                        "in",      "edges", "labels", "names", "index"};

std::string nameKey(std::string_view folded_name, NodeId node) {
  std::string k;
  k.reserve(folded_name.size() + 9);
  k.append(folded_name);
  k.push_back('\0');
  appendU64(&k, node);
  return k;
}

std::string namePrefix(std::string_view folded_name) {
  std::string k(folded_name);
  k.push_back('\0');
  return k;
}

std::string dictStringKey(std::string_view s) {
  std::string k;
  k.reserve(s.size() + 1);
  k.push_back('s');
  k.append(s);
  return k;
}

std::string dictIdKey(uint32_t id) {
  std::string k(1, 'i');
  appendU32(&k, id);
  return k;
}

std::string dictStringValue(uint32_t id) {
  std::string v;
  appendU32(&v, id);
  return v;
}

std::string dictIdValue(uint8_t kinds, std::string_view text) {
  std::string v;
  v.reserve(text.size() + 1);
  v.push_back(static_cast<char>(kinds));
  v.append(text);
  return v;
}

bool decodeDictIdEntry(std::string_view key, std::string_view value, DictEntry* out) {
  if (key.size() != 5 || key[0] != 'i' || value.empty()) return false;
  *out = {loadU32(key.data() + 1), static_cast<uint8_t>(value[0]), value.substr(1)};
  return true;
}

std::string metaCountLabelKey(LabelId label) {
  std::string k(kMetaCountLabelPrefix);
  appendU32(&k, label);
  return k;
}

std::string metaRelTypeKey(TypeId type) {
  std::string k(kMetaRelTypePrefix);
  appendU32(&k, type);
  return k;
}

size_t prefixUpperBound(std::string_view prefix, char* out) {
  size_t n = prefix.size();
  std::memcpy(out, prefix.data(), n);
  while (n > 0) {
    auto c = static_cast<unsigned char>(out[n - 1]);
    if (c != 0xff) {
      out[n - 1] = static_cast<char>(c + 1);
      return n;
    }
    --n;  // 0xff cannot be incremented: drop it and carry into the previous byte
  }
  return 0;
}

std::string prefixUpperBound(std::string_view prefix) {
  std::string out(prefix.size(), '\0');
  out.resize(prefixUpperBound(prefix, out.data()));
  return out;
}

namespace {

// Lower-case mapping of a code point in U+0080..U+07FF (2-byte UTF-8); returns cp itself
// when there is no simple mapping. 0x69 ('i') is returned for U+0130 (dotted capital I).
uint32_t lowerTwoByte(uint32_t cp) {
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 0x20;  // Latin-1
  if (cp >= 0x100 && cp <= 0x17F) {                                // Latin Extended-A
    if (cp == 0x130) return 'i';
    if (cp == 0x178) return 0xFF;
    bool even_upper = (cp <= 0x137 && cp != 0x131) || (cp >= 0x14A && cp <= 0x177);
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (even_upper && cp % 2 == 0) return cp + 1;
    if (odd_upper && cp % 2 == 1) return cp + 1;
    return cp;
  }
  if (cp >= 0x386 && cp <= 0x3AB) {  // Greek
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if (cp >= 0x391 && cp != 0x3A2) return cp + 32;
    return cp;
  }
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;  // Cyrillic Ѐ..Џ
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;  // Cyrillic А..Я
  return cp;
}

}  // namespace

std::string foldCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      continue;
    }
    // Only well-formed 2-byte sequences are folded; anything else is copied byte by byte.
    if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size()) {
      auto c2 = static_cast<unsigned char>(s[i + 1]);
      if ((c2 & 0xC0) == 0x80) {
        uint32_t cp = ((c & 0x1Fu) << 6) | (c2 & 0x3Fu);
        uint32_t lo = lowerTwoByte(cp);
        if (lo < 0x80) {
          out.push_back(static_cast<char>(lo));
        } else {
          out.push_back(static_cast<char>(0xC0 | (lo >> 6)));
          out.push_back(static_cast<char>(0x80 | (lo & 0x3F)));
        }
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace entente::storage::keys
