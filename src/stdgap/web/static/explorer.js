// stdgap: the indicator explorer, progressively enhanced (none of this is needed: without it the
// form is sent with its Show button and the charts are images drawn by the server).
//
// A changed choice, the Show button or a common question asks the same address for its results
// region only (header X-Stdgap-Fragment: results) and replaces that region alone: the keyboard
// focus and whatever is typed stay where they are, a polite status says how many rows came, and
// the address becomes the view's (history.replaceState), so every view is a permalink. Year
// fields apply on change (leaving the field, or Enter), never on each key.
//
// Charts: Vega-Lite drawn in the browser by vega-embed, from the files stdgap serves itself
// (/vendor/…, listed in the results region's data-vendor), with tooltips. Vega's expressions are
// interpreted (ast: true), never compiled with eval, and no style element is injected, so the
// Content-Security-Policy stays "script-src 'self'; style-src 'self'".
(function () {
  "use strict";

  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // The vendor files, one after the other (vega-embed needs vega and vega-lite), loaded once.
  function loadVega(results) {
    if (!loading) {
      var files = (results.getAttribute("data-vendor") || "").split(" ").filter(Boolean);
      loading = files.reduce(function (chain, src) {
        return chain.then(function () { return loadScript(src); });
      }, Promise.resolve());
    }
    return loading;
  }

  function asImage(holder) {
    var figure = holder.closest("figure");
    var caption = figure ? figure.querySelector("figcaption") : null;
    var image = document.createElement("img");
    image.src = holder.getAttribute("data-image");
    image.alt = caption ? caption.textContent : "";
    holder.replaceWith(image);
  }

  function drawCharts(results) {
    var holders = Array.prototype.slice.call(results.querySelectorAll(".vega-chart"));
    if (!holders.length) { return Promise.resolve(); }
    if (!results.getAttribute("data-vendor")) {
      holders.forEach(asImage);
      return Promise.resolve();
    }
    return loadVega(results).then(function () {
      var font = window.getComputedStyle(document.body).fontFamily;
      var numbers = JSON.parse(results.getAttribute("data-format-locale") || "null");
      return Promise.all(holders.map(function (holder) {
        var spec = JSON.parse(holder.getAttribute("data-spec"));
        delete spec.$schema;  // the served Vega-Lite is the one to follow
        spec.config = spec.config || {};
        spec.config.font = font;
        if (spec.facet && spec.spec && spec.spec.width) {  // as many panels a row as fit
          var room = holder.parentElement.clientWidth - 40;
          spec.columns = Math.max(1, Math.min(spec.columns, Math.floor(room / (spec.spec.width + 30))));
        } else if (spec.width) {
          spec.width = Math.max(200, Math.min(spec.width, holder.parentElement.clientWidth - 110));
        }
        return window.vegaEmbed(holder, spec, {
          actions: false,
          defaultStyle: false,
          ast: true,
          renderer: "svg",
          formatLocale: numbers || undefined,
          tooltip: { disableDefaultStyle: true }
        }).then(function () {
          holder.classList.add("drawn");
        });
      }));
    }).catch(function () {
      holders.forEach(function (holder) {
        if (!holder.classList.contains("drawn")) { asImage(holder); }
      });
    });
  }

  // The view's address: the form's answers without the empty ones, the language kept.
  function addressOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") { params.append(name, value); }
    });
    var lang = new URLSearchParams(window.location.search).get("lang");
    if (lang) { params.set("lang", lang); }
    return form.getAttribute("action") + "?" + params.toString();
  }

  function listed(params, name) {
    var found = [];
    params.getAll(name).forEach(function (value) {
      value.split(",").forEach(function (item) { if (item.trim()) { found.push(item.trim()); } });
    });
    return found;
  }

  // Set the form to the view at ``address`` (a common question's).
  function fillForm(form, address) {
    var params = new URL(address, window.location.href).searchParams;
    var indicators = listed(params, "indicator");
    var by = listed(params, "by");
    var where = {};
    params.getAll("where").forEach(function (value) {
      var parts = value.split(/[:=]/);
      if (parts.length > 1) { where[parts[0]] = parts[0] + ":" + parts.slice(1).join(":"); }
    });
    form.querySelectorAll("input[name=indicator]").forEach(function (box) {
      box.checked = indicators.indexOf(box.value) >= 0;
    });
    form.querySelectorAll("input[name=by]").forEach(function (box) {
      box.checked = by.indexOf(box.value) >= 0;
    });
    form.querySelectorAll("select[name=where]").forEach(function (select) {
      select.value = where[select.getAttribute("data-dim")] || "";
    });
    ["from_year", "to_year", "min_cell"].forEach(function (name) {
      var field = form.querySelector("input[name=" + name + "]");
      if (field) { field.value = params.get(name) || ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("explorer");
    var results = document.getElementById("results");
    var status = document.getElementById("explorer-status");
    if (!form || !results || !window.fetch || !window.history.replaceState) { return; }
    var asked = 0;

    function markQuestion() {
      var title = results.querySelector("#results-title");
      var current = title ? title.getAttribute("data-question") : "";
      document.querySelectorAll("a[data-question]").forEach(function (link) {
        if (link.getAttribute("data-question") === current) {
          link.setAttribute("aria-current", "page");
        } else {
          link.removeAttribute("aria-current");
        }
      });
    }

    // The language switch names this page with its view: kept in step with the address, so
    // that another language shows the same view.
    function relinkLanguages() {
      document.querySelectorAll("nav.languages a[hreflang]").forEach(function (link) {
        var target = new URL(window.location.href);
        target.searchParams.set("lang", link.getAttribute("hreflang"));
        link.setAttribute("href", target.pathname + target.search);
      });
    }

    function show(address) {
      var mine = ++asked;
      results.setAttribute("aria-busy", "true");
      form.classList.add("busy");
      fetch(address, { headers: { "X-Stdgap-Fragment": "results" }, credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (text) {
            if (!response.ok && response.status !== 422) { throw new Error(String(response.status)); }
            return text;
          });
        })
        .then(function (html) {
          if (mine !== asked) { return; }  // a later change is on its way
          results.innerHTML = html;
          window.history.replaceState(null, "", address);
          relinkLanguages();
          var title = results.querySelector("#results-title");
          status.textContent = title ? title.getAttribute("data-status") : "";
          markQuestion();
          return drawCharts(results);
        })
        .catch(function () {
          if (mine === asked) { status.textContent = results.getAttribute("data-failed"); }
        })
        .then(function () {
          if (mine === asked) {
            results.removeAttribute("aria-busy");
            form.classList.remove("busy");
          }
        });
    }

    form.addEventListener("change", function () { show(addressOf(form)); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(addressOf(form));
    });
    document.querySelectorAll("a[data-question]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        fillForm(form, link.href);
        var lang = new URLSearchParams(window.location.search).get("lang");
        var url = new URL(link.href);
        if (lang) { url.searchParams.set("lang", lang); }
        show(url.pathname + url.search);
      });
    });
    drawCharts(results);
  });
})();
