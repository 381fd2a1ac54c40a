/* The handbook's search worker under Zensical: Zensical's own worker, with the
 * handbook's query transform (handbook-query.js) in front of it.
 *
 * overrides/main.html points Zensical at this file and passes the URLs.
 * Zensical's worker sets `self.onmessage`; a query arrives as
 * {type: 2, data: {input, filter, page}} and only `input` is rewritten:
 * traditional → simplified, full-width → half-width, punctuation out, words
 * that are in nearly every entry and single characters next to real words
 * dropped, declared synonyms mapped to the word the pages use (举报 → 投诉).
 * Zensical requires every word of a query to match (AND), so, unlike under
 * Material, words the index does not have are dropped rather than added, and an
 * alias gives way to its canonical word instead of joining it.
 * When the data file is missing (a plain `zensical build` or `zensical serve`,
 * which run no handbook step) Zensical's worker runs untouched.
 */
(function () {
  "use strict";
  var QUERY = 2; // message type of a query in Zensical's worker
  var HAN = /\p{Script=Han}/u;
  var params = new URL(self.location.href).searchParams;
  var rewrite = null;
  try {
    importScripts(params.get("query"), params.get("data"));
    rewrite = makeRewrite(self.HANDBOOK_SEARCH);
  } catch (error) {
    rewrite = null; // no data: Zensical's own search, as if this file were not here
  }
  importScripts(params.get("zensical"));
  if (!rewrite || typeof self.onmessage !== "function") return;

  // Candidate inputs, best first: the transformed words, then the query as typed.
  function makeRewrite(data) {
    var transform = self.makeQueryTransform(data);
    var vocabulary = new Set(data.vocabulary);
    var synonyms = data.synonyms || {};
    var t2s = data.t2s || {};
    function simplify(text) {
      var out = "";
      for (var i = 0; i < text.length; i++) out += t2s[text[i]] || text[i];
      return out;
    }
    return function (input) {
      var text = simplify(String(input).normalize("NFKC")).toLowerCase();
      var words = transform(input).words;
      var known = words.filter(function (word) { return !HAN.test(word) || vocabulary.has(word); });
      var kept = known.filter(function (word) {
        var canonical = synonyms[word] || [];
        return !canonical.some(function (other) { return known.indexOf(other) >= 0; });
      });
      // A run the vocabulary does not know comes back as single characters
      // (下班 → 下, 班); Zensical segments the page text with the browser's
      // segmenter, which may know the whole word, so such runs are rejoined.
      var joined = [];
      kept.forEach(function (word) {
        var last = joined[joined.length - 1];
        if (last && HAN.test(word) && HAN.test(last) && (word.length === 1 || last.length === 1) &&
            text.indexOf(last + word) >= 0) joined[joined.length - 1] = last + word;
        else joined.push(word);
      });
      var first = joined.join(" ");
      return first && first !== input ? [first, input] : [input];
    };
  }

  // Zensical answers a query synchronously with one postMessage: capture it, and
  // try the next candidate when the first finds nothing.
  var RESULT = 3;
  var post = self.postMessage.bind(self);
  var capture = null;
  self.postMessage = function (message) {
    if (capture) capture(message);
    else post(message);
  };
  function answer(handler, query) {
    var captured = null;
    capture = function (message) { captured = message; };
    try {
      handler.call(self, { data: { type: QUERY, data: query } });
    } finally {
      capture = null;
    }
    return captured;
  }
  function empty(message) {
    return message && message.type === RESULT && message.data && Array.isArray(message.data.items) &&
      message.data.items.length === 0;
  }

  var original = self.onmessage;
  self.onmessage = function (event) {
    var message = event.data;
    if (!(message && message.type === QUERY && message.data && typeof message.data.input === "string")) {
      return original.call(self, event);
    }
    var candidates = rewrite(message.data.input);
    var reply = null;
    for (var i = 0; i < candidates.length; i++) {
      reply = answer(original, Object.assign({}, message.data, { input: candidates[i] }));
      if (!reply || !empty(reply)) break;  // no synchronous reply: it is posted as it comes
    }
    if (reply) post(reply);
  };
})();
