/* The handbook's search worker: Material's own worker, with a query transform
 * before it and a coverage re-rank after it.
 *
 * overrides/main.html points Material at this file instead of its worker and
 * passes the URLs.  Material's worker registers one "message" listener and
 * answers each query with one postMessage; both are wrapped here:
 *   - each query passes through the transform in handbook-query.js;
 *   - the result groups (one per page) are re-ordered: pages whose title or
 *     matching section title has more of the query's words (of two characters
 *     or more) first, then pages whose matching entries have
 *     more of them, then Material's own order.  lunr scores each section alone
 *     and boosts tags a thousand times over titles, so a page that only
 *     mentions a word in a tag or repeats one word often would otherwise rank
 *     above the page that is about the query.
 * Index setup, scoring within a page and the result format stay Material's.
 * Lives beside Material's worker so its relative "../lunr" imports still resolve.
 */
(function () {
  "use strict";
  var SETUP = 0; // SearchMessageType.SETUP in Material's worker
  var QUERY = 2; // SearchMessageType.QUERY
  var RESULT = 3; // SearchMessageType.RESULT
  var params = new URL(self.location.href).searchParams;
  importScripts(params.get("query"), params.get("data"), new URL("handbook-index.js", self.location.href).href);
  var transform = self.makeQueryTransform(self.HANDBOOK_SEARCH);

  function plain(html) {
    return String(html || "").replace(/<[^>]*>|\u200b/g, "").toLowerCase();
  }

  function count(text, words) {
    return words.filter(function (word) { return text.indexOf(word) >= 0; }).length;
  }

  // Only the first pages in Material's order are re-ordered (an agent reads
  // the first few results); the rest follow as they were.  Past the first
  // screens, a result is its page title alone: Material renders those only on
  // scroll, and copying every matching section's teaser to the page on every
  // keystroke is a large part of the time a big handbook spends per query.
  var RERANK = 50, TEASERS = 30;

  // A teaser is the sentence around the first match, as plain text with its
  // highlights: enough to recognise the answer, and far less for the page to
  // receive and lay out than a whole section.
  var TEASER = 220; // characters
  function teaser(html) {
    var text = String(html || "").replace(/<(?!\/?mark\b)[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    var first = text.indexOf("<mark");
    var start = first > 40 ? text.lastIndexOf(" ", first - 40) : 0;
    start = Math.max(0, start);
    var end = start + TEASER;
    var cut = text.slice(start, end).replace(/<[^>]*$/, "");  // no half tag at the end
    var open = (cut.match(/<mark/g) || []).length - (cut.match(/<\/mark>/g) || []).length;
    if (open > 0) cut += "</mark>";
    return "<p>" + (start > 0 ? "…" : "") + cut + (end < text.length ? "…" : "") + "</p>";
  }

  // Material lists every matching section of a page under it; the page and its
  // best few sections are what an agent reads, and each one costs layout time.
  var SECTIONS = 4;
  function isArticle(item) { return item.location.indexOf("#") < 0; }
  function trim(group) {
    var sections = 0;
    return group
      .filter(function (item) { return isArticle(item) || sections++ < SECTIONS; })  // keeps Material's order
      .map(function (item) {
        // A section repeats its page's tags; showing them once, under the page, is enough.
        var slimmed = Object.assign({}, item, { text: teaser(item.text) });
        if (!isArticle(item)) delete slimmed.tags;
        return slimmed;
      });
  }

  function slim(group) {
    var article = group.find(isArticle) || group[0];
    return [Object.assign({}, article, { text: "" })];
  }

  function rerank(items, words) {
    if (!words || !words.length) return items;
    var long = words.filter(function (word) { return word.length > 1; });
    var head = items.slice(0, RERANK), tail = items.slice(RERANK);
    return head
      .map(function (group, position) {
        var title = 0;
        group.forEach(function (item) { title = Math.max(title, count(plain(item.title), long)); });
        if (words.length < 2) return { group: group, position: position, title: title, coverage: 1 };
        var text = group.map(function (item) {
          return plain(item.title) + " " + plain(item.text) + " " + (item.tags || []).map(plain).join(" ");
        }).join(" ");
        return { group: group, position: position, title: title, coverage: count(text, words) };
      })
      .sort(function (a, b) { return b.title - a.title || b.coverage - a.coverage || a.position - b.position; })
      .map(function (entry) { return entry.group; })
      .concat(tail)
      .map(function (group, position) { return position < TEASERS ? trim(group) : slim(group); });
  }

  // Material answers queries one at a time and in order, so the words of each
  // query wait here for its result.
  var pending = [];
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      var words = pending.shift();
      message = { type: RESULT, data: Object.assign({}, message.data, { items: rerank(message.data.items, words) }) };
    }
    post(message);
  };

  var register = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return register(type, listener, options);
    return register(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {  // a stored index, if any (handbook-index.js)
        return self.handbookIndex.prepare(self.HANDBOOK_SEARCH.index).then(function () { return listener(event); });
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        var plan = transform(message.data);
        pending.push(plan.words);
        return listener({ data: { type: QUERY, data: plan.query } });
      }
      return listener(event);
    }, options);
  };
  importScripts(params.get("material"));
  self.handbookIndex.install();
})();
