/* Query transform for the handbook's search (runs in Material's search worker).
 *
 * Material segments Chinese text with jieba when it builds the index, but a
 * query typed in the browser reaches lunr as typed.  This turns what an agent
 * types into terms the index has:
 *   1. full-width → half-width (NFKC), traditional → simplified (OpenCC table);
 *   2. punctuation and lunr's query syntax (: * ~ ^ + - "") become spaces, so
 *      they can neither empty the results nor raise a parse error;
 *   3. numbers are split from units (350方 → 350 方);
 *   3a. letters typed with the input method off are read as pinyin, full or
 *      initials (xiangou, xg → 限购), from a table of the handbook's own terms
 *      made with pypinyin at build time;
 *   4. Chinese runs are split along the index vocabulary and the synonyms'
 *      aliases (longest match);
 *   5. words that are in nearly every entry (客户, 的, 要 …) are dropped when
 *      other words remain, and so are single characters next to longer words,
 *      so 客户要见经理 searches for 经理;
 *   6. synonyms trainers declared in front matter add their canonical word
 *      (举报 → 投诉);
 *   7. for lunr, each word is kept whole (下班 must not become 下*, matching
 *      下跪); single characters are matched exactly, longer words also as a
 *      prefix (冲击 finds 冲击柜面); words the index does not have are left out
 *      (they match nothing but their single characters), and words that are in
 *      nearly every entry are only looked up in titles and tags, where they mean
 *      the page is about them: in text they would match thousands of sections on
 *      a large handbook and make every keystroke slow.
 *   8. when none of the query's Chinese words of two or more characters is in
 *      any entry (漏气 is in none: only 漏 and 气 are), the query is "weak":
 *      its single characters are still searched, but a page counts only if
 *      it has the typed run itself (听我讲 is in a forbidden line, 漏气 is in
 *      no page); when none has, the results say so and offer the closest
 *      entries (titles and tags sharing two or more of its characters);
 *   8a. function words (time words, pronouns, numerals, conjunctions …:
 *      明天, 什么, 几个; data.function, from jieba's parts of speech) are dropped
 *      like common words when other words remain, and do not make a query
 *      strong: 明天天气 is weak, its 明天 is in 明天再来 and says nothing of
 *      weather; a query with a character the handbook never uses
 *      (data.characters: 灶 in 燃气灶坏了) is weak too unless handbook words
 *      cover more than half of its characters;
 *   9. a word of three or more characters that is one token in the index only
 *      as a tag (来电受理) is also looked up in the pieces jieba cut it into in
 *      titles and text (来电, 受理).
 * It returns the words and the query for lunr (any word may match; the worker
 * ranks pages that have more of the words first), and for a weak query the
 * typed runs and the closest entries.
 * The data comes from search/handbook-search-data.js, made at build time
 * (handbook/search_prep.py).
 */
(function (scope) {
  "use strict";

  var HAN = /\p{Script=Han}/u;

  function makeQueryTransform(data) {
    var t2s = data.t2s;
    var vocabulary = new Set(data.vocabulary);
    var words = new Set(data.vocabulary);
    var aliases = Object.keys(data.synonyms);
    aliases.forEach(function (alias) { words.add(alias); });
    var common = new Set(data.common);
    var functional = new Set(data.function || []);
    var characters = new Set(Array.from(data.characters || ""));
    var pinyin = data.pinyin || {};
    var pages = data.pages || [];
    var longest = 1;
    words.forEach(function (word) { if (word.length > longest && word.length <= 8) longest = word.length; });

    function simplify(text) {
      var out = "";
      for (var i = 0; i < text.length; i++) out += t2s[text[i]] || text[i];
      return out;
    }

    function segment(run) {
      var terms = [];
      for (var start = 0; start < run.length;) {
        var size = Math.min(longest, run.length - start);
        while (size > 1 && !words.has(run.substr(start, size))) size--;
        terms.push(run.substr(start, size));
        start += size;
      }
      return terms;
    }

    // A word cut into the index words inside it (longest match, shorter than itself).
    function split(word) {
      var result = [];
      for (var start = 0; start < word.length;) {
        var size = Math.min(word.length - 1, word.length - start);
        while (size > 1 && !vocabulary.has(word.substr(start, size))) size--;
        result.push(word.substr(start, size));
        start += size;
      }
      return result;
    }

    // Letters as pinyin: the whole run (xian gou, xiangou), else each part.
    function spell(text) {
      var letters = text.replace(/\s+/g, "");
      if (/^[a-z]{2,}$/.test(letters) && pinyin[letters]) return pinyin[letters].join(" ");
      return text.replace(/[a-z]{2,}/g, function (part) { return pinyin[part] ? pinyin[part].join(" ") : part; });
    }

    // Share of the query's characters (beside common single characters: 了, 我, 的)
    // that are in words of two or more characters the handbook has (or aliases).
    function covered(segments) {
      var total = 0, inWords = 0;
      segments.forEach(function (term) {
        if (!HAN.test(term) || (term.length === 1 && common.has(term))) return;
        total += term.length;
        if (term.length > 1 && !functional.has(term)) inWords += term.length;
      });
      return total ? inWords / total : 1;
    }

    // Titles and tags sharing at least two of the query's (non-common) characters.
    function closest(han) {
      var chars = unique(han.split("")).filter(function (c) { return !common.has(c); });
      if (chars.length < 2) return [];
      return pages
        .map(function (entry, position) {
          var best = "", shared = 0;
          entry.slice(1).forEach(function (name) {
            var here = chars.filter(function (c) { return name.indexOf(c) >= 0; });
            if (here.length > shared) { shared = here.length; best = here.join(""); }
          });
          return { location: entry[0], title: entry[1], shared: best, n: shared, position: position };
        })
        .filter(function (entry) { return entry.n >= 2; })
        .sort(function (a, b) { return b.n - a.n || a.position - b.position; })
        .slice(0, 3);
    }

    return function transform(query) {
      var typed = String(query).trim();
      var text = simplify(typed.normalize("NFKC")).toLowerCase();
      text = text.replace(/[^\p{L}\p{N}]+/gu, " ")
                 .replace(/(\p{N})(?=\p{Script=Han})/gu, "$1 ")
                 .replace(/(\p{Script=Han})(?=\p{N})/gu, "$1 ");
      text = spell(text);
      var terms = [];
      text.split(/\s+/).forEach(function (part) {
        if (!part) return;
        if (HAN.test(part)) terms.push.apply(terms, segment(part));
        else terms.push(part);
      });
      var segments = terms.slice();
      var meaningful = terms.filter(function (term) { return !common.has(term); });
      if (meaningful.length) terms = meaningful;
      var content = terms.filter(function (term) { return !functional.has(term); });
      if (content.length) terms = content;
      // Next to real words, single characters (到, 人, 叫, 才) mostly say how the
      // question was phrased, and each one matches a large part of the handbook.
      var longer = terms.filter(function (term) { return !HAN.test(term) || term.length > 1; });
      if (longer.length) terms = longer;
      var extra = [];
      function canonical(alias) { return data.synonyms[alias].map(function (word) { return word.toLowerCase(); }); }
      terms.forEach(function (term) {
        if (data.synonyms[term]) extra.push.apply(extra, canonical(term));
      });
      aliases.forEach(function (alias) {  // aliases the segmentation did not isolate
        if (text.indexOf(alias) >= 0 && terms.indexOf(alias) < 0) extra.push.apply(extra, canonical(alias));
      });
      var words = unique(terms.concat(extra));
      var known = words.filter(function (word) { return !HAN.test(word) || vocabulary.has(word); });
      var runs = (text.match(/\p{Script=Han}+/gu) || []).filter(function (run) { return run.length > 1; });
      var strong = segments.concat(extra).some(function (word) {
        return HAN.test(word) ? word.length > 1 && vocabulary.has(word) && !functional.has(word) : true;
      });
      if (strong && characters.size && Array.from(text).some(function (c) { return HAN.test(c) && !characters.has(c); })) {
        strong = covered(segments) > 0.5;
      }
      var chosen = known.length ? known : words;
      var pieces = [];
      chosen.forEach(function (word) {
        if (HAN.test(word) && word.length > 2) {
          split(word).forEach(function (piece) {
            if (piece.length > 1 && chosen.indexOf(piece) < 0) pieces.push(piece);
          });
        }
      });
      var lookup = unique(chosen.concat(pieces)).map(function (word) {
        if (!HAN.test(word)) return word;
        if (common.has(word)) return "title:" + protect(word, true) + " tags:" + protect(word, true);
        return protect(word, word.length === 1);
      });
      var plan = { words: words, query: lookup.join(" "), typed: typed,
                   phrases: runs.filter(function (run) { return run.length > 2; }) };
      if (runs.length && !strong) {
        plan.weak = true;
        plan.runs = runs;
        plan.closest = closest(runs.join(""));
      }
      return plan;
    };
  }

  // Material splits every Chinese run of the query again along its index, but
  // its splitter only looks at strict sub-slices of the run: for 下班 it sees
  // 下 and never 下班, and the query becomes 下* (matching 下跪).  A trailing
  // character that is in no index entry makes the whole word a sub-slice, so it
  // is kept; the splitter then drops the unmatched tail.  "^1" (a neutral boost)
  // stops Material from appending its prefix wildcard.
  var SENTINEL = "\u3007"; // 〇, a Han-script character no page uses as a word
  function protect(word, exact) {
    return word + SENTINEL + (exact ? "^1" : "");
  }

  function unique(list) {
    var seen = new Set();
    return list.filter(function (item) {
      if (!item || seen.has(item)) return false;
      seen.add(item);
      return true;
    });
  }

  scope.makeQueryTransform = makeQueryTransform;
})(typeof self !== "undefined" ? self : this);
