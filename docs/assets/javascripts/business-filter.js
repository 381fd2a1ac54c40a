/* Section indexes: filter the page tables by line of business (通用 / 燃气 / 保险 / 软件).
 * The data is generated at build time from each page's `business` front matter
 * (handbook/business.py → business-data.js), so nothing here needs editing when
 * a page changes.  A row is kept when its page is 通用 or serves the chosen
 * business; rows whose link is not a handbook page are always kept. */
(function () {
  var LABELS = { "全部": "全部", "燃气": "燃气公司", "保险": "保险公司", "软件": "软件公司" };

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  function keyOf(link, base) {
    var href = new URL(link.getAttribute("href"), location.href).href.split("#")[0];
    return href.indexOf(base) === 0 ? href.slice(base.length) : null;
  }

  function setUp() {
    var data = window.HANDBOOK_BUSINESS || {};
    var content = document.querySelector(".md-content .md-typeset");
    if (!content) return;
    var base = siteBase();
    var here = location.href.split("#")[0].split("?")[0].slice(base.length);
    if ((window.HANDBOOK_BUSINESS_INDEXES || []).indexOf(here) < 0) return;  // section indexes only
    var rows = [];
    content.querySelectorAll("table tbody tr").forEach(function (row) {
      var link = row.querySelector("td a[href]");
      var values = link && data[keyOf(link, base)];
      if (values) rows.push({ row: row, values: values });
    });
    if (!rows.length) return;
    var bar = document.createElement("div");
    bar.className = "hb-business-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "按适用业务筛选");
    bar.appendChild(document.createTextNode("适用业务："));
    Object.keys(LABELS).forEach(function (name) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = LABELS[name];
      button.setAttribute("aria-pressed", name === "全部" ? "true" : "false");
      button.addEventListener("click", function () {
        bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
        rows.forEach(function (r) {
          var keep = name === "全部" || r.values.indexOf("通用") >= 0 || r.values.indexOf(name) >= 0;
          r.row.hidden = !keep;
        });
      });
      bar.appendChild(button);
    });
    var h1 = content.querySelector("h1");
    (h1 && h1.nextSibling ? h1.parentNode.insertBefore(bar, h1.nextSibling) : content.prepend(bar));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
