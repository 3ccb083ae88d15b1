/* tertulia.js: small enhancements. Every page works without it. */
(function () {
  "use strict";
  // A form submitted once is not submitted again by a second click: the
  // server refuses duplicates too, but this spares people the error.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    if ((form.method || "").toLowerCase() === "post") {
      form.dataset.submitted = "1";
      window.setTimeout(function () { form.dataset.submitted = ""; }, 5000);
    }
  });
})();

(function () {
  "use strict";
  // The message an action left (role="status") is in the page from the
  // start, which screen readers do not all announce: written into the
  // region again once the page is up, it is read out as a change.
  var said = document.querySelector("p.said[role=status]");
  if (!said) {
    return;
  }
  var text = said.textContent;
  said.textContent = "";
  window.setTimeout(function () { said.textContent = text; }, 250);
})();

(function () {
  "use strict";
  // Forms that destroy something ask first (data-confirm holds the question).
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();

(function () {
  "use strict";
  // The new-idea form: similar ideas while the title is typed, from
  // /ideas/similar.json (without script, the "check" button does this).
  var input = document.querySelector("input[data-similar]");
  var box = document.getElementById("similar");
  if (!input || !box || !window.fetch) {
    return;
  }
  var timer = null, asked = "";
  function show(list) {
    var old = box.querySelectorAll("ul, p");
    for (var i = 0; i < old.length; i++) {
      box.removeChild(old[i]);
    }
    var p = document.createElement("p");
    p.className = list.length ? "hint" : "empty";
    p.textContent = list.length ? box.getAttribute("data-hint") : box.getAttribute("data-none");
    box.appendChild(p);
    if (list.length) {
      var ul = document.createElement("ul");
      ul.className = "similar-list";
      list.forEach(function (idea) {
        var li = document.createElement("li"), a = document.createElement("a"),
          meta = document.createElement("span");
        a.href = "/ideas/" + idea.id;
        a.textContent = idea.title;
        meta.className = "meta";
        meta.textContent = " " + idea.vote_count + " " + box.getAttribute("data-votes");
        li.appendChild(a);
        li.appendChild(meta);
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    box.hidden = false;
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 3 || q === asked) {
        return;
      }
      asked = q;
      fetch(input.getAttribute("data-similar") + "?q=" + encodeURIComponent(q),
            { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && q === asked) {
            show(data.similar || []);
          }
        })
        .catch(function () {});
    }, 350);
  });
})();

(function () {
  "use strict";
  // On a small screen the account's links fold behind the Menu button (the
  // stylesheet hides them while the header is not open); without this
  // script they stay on the page, under the search.
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!toggle) {
    return;
  }
  header.classList.add("js-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = header.classList.toggle("menu-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
