/* Wuye page behaviour. No inline scripts anywhere (CSP): everything hangs off data attributes. */
(function () {
  "use strict";

  // Selects that submit their form when changed (community and language switchers).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  // Forms that need a confirmation first (revoke, delete…).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);

  // Toast messages: Alpine component, auto-hidden after a few seconds.
  document.addEventListener("alpine:init", function () {
    window.Alpine.data("toast", function () {
      return {
        open: true,
        init: function () {
          var self = this;
          window.setTimeout(function () { self.open = false; }, 6000);
        },
        close: function () { this.open = false; }
      };
    });
  });
})();

/* Submit buttons marked data-once are disabled after the first click (the server's
   idempotency key makes a second submission harmless anyway). */
document.addEventListener("submit", function (event) {
  var button = event.target && event.target.querySelector && event.target.querySelector("[data-once]");
  if (button && !event.defaultPrevented) {
    window.setTimeout(function () { button.disabled = true; }, 0);
  }
});

/* Buttons marked data-fill="#field" put their data-value into that field (the hotline intake:
   a click on one of the caller's units fills the unit and the caller's name). */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-fill]");
  if (!button) { return; }
  button.getAttribute("data-fill").split(",").forEach(function (pair) {
    var parts = pair.split("=");
    var field = document.querySelector(parts[0]);
    if (field) { field.value = button.getAttribute("data-" + parts[1]) || ""; }
  });
});

/* The counter: the change (找零) shown live while the cash tendered is typed. The amount due is
   the "amount received" field when filled, else the bills ticked (their data-owed). Money is
   counted in fen (integers), never in floating point. */
(function () {
  "use strict";

  function fen(text) {
    var value = String(text || "").replace(/[,，\s¥]/g, "");
    if (!/^\d+(\.\d{0,2})?$/.test(value)) { return null; }
    var parts = value.split(".");
    return parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "") + "00").slice(0, 2), 10);
  }

  function yuan(amount) {
    var whole = Math.floor(amount / 100);
    var cents = String(amount % 100);
    return "¥" + whole + "." + (cents.length < 2 ? "0" + cents : cents);
  }

  function update(form) {
    var output = form.querySelector("[data-change-output]");
    if (!output) { return; }
    var channel = form.querySelector("[name=channel]");
    var tendered = fen(form.querySelector("[name=tendered]") && form.querySelector("[name=tendered]").value);
    var amountField = form.querySelector("[name=amount]");
    var due = amountField && amountField.value.trim() ? fen(amountField.value) : 0;
    if (!(amountField && amountField.value.trim())) {
      form.querySelectorAll("input[name=bill_ids][data-owed]:checked").forEach(function (box) {
        due += fen(box.getAttribute("data-owed")) || 0;
      });
    }
    output.classList.remove("text-danger", "text-success");
    if ((channel && channel.value !== "cash") || !due) { output.textContent = ""; return; }
    if (tendered === null || due === null) {
      output.textContent = due ? output.getAttribute("data-label-due") + " " + yuan(due) : "";
      return;
    }
    if (tendered >= due) {
      output.textContent = output.getAttribute("data-label-change") + " " + yuan(tendered - due);
      output.classList.add("text-success");
    } else {
      output.textContent = output.getAttribute("data-label-short") + " " + yuan(due - tendered);
      output.classList.add("text-danger");
    }
  }

  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var form = event.target && event.target.closest && event.target.closest("form[data-change-calc]");
      if (form) { update(form); }
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-change-calc]").forEach(update);
  });

  /* Printing a receipt opens the PDF in a new tab; this page then reloads so its buttons say
     "reprint as copy" — the first print was the owner's original. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("form[data-print-receipt]") && !event.defaultPrevented) {
      window.setTimeout(function () { window.location.reload(); }, 1500);
    }
  });
})();

/* Lists with batch actions: the header box ticks every row on the page, the form says how many
   are ticked, and a button with data-confirm asks first. */
(function () {
  "use strict";

  function rows() {
    return document.querySelectorAll("input[type=checkbox][form=batch-form]");
  }

  function count() {
    var label = document.querySelector("[data-selected-count]");
    if (!label) { return; }
    var ticked = Array.prototype.filter.call(rows(), function (box) { return box.checked; }).length;
    if (!label.dataset.empty) { label.dataset.empty = label.textContent; }
    label.textContent = ticked ? label.dataset.template.replace("%(count)s", ticked) : label.dataset.empty;
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || !box.matches) { return; }
    if (box.matches("[data-select-all]")) {
      Array.prototype.forEach.call(rows(), function (row) { row.checked = box.checked; });
      count();
    } else if (box.matches("input[type=checkbox][form=batch-form]")) {
      count();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();

/* A QR scan into a text box (the gate's pass number): a button data-scan-into="<input id>"
   is shown only where the browser has BarcodeDetector and a camera; the code found fills the
   box and submits its form. Elsewhere the number is typed. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-scan-into]");
  if (!buttons.length || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  buttons.forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-scan-into"));
      var form = input && input.form;
      var video = form && form.querySelector("[data-scan-video]");
      if (!video) {
        return;
      }
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.classList.remove("d-none");
        video.play();
        var stop = function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          video.classList.add("d-none");
        };
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stop();
              input.value = codes[0].rawValue;
              form.requestSubmit ? form.requestSubmit() : form.submit();
            } else {
              window.setTimeout(look, 250);
            }
          }).catch(function () { window.setTimeout(look, 500); });
        };
        look();
      }).catch(function () {
        input.focus();  // no camera allowed: type the number
      });
    });
  });
})();

/* Formatted text (an announcement): a textarea marked data-richtext becomes a small editor —
   bold, italic, underline, a heading, lists, undo the formatting — whose HTML goes back into
   the textarea when the form is sent. The server keeps only formatting (nh3); without
   JavaScript the textarea takes the HTML as it is. */
(function () {
  "use strict";
  var BUTTONS = [
    ["bold", "ti-bold", "加粗"], ["italic", "ti-italic", "斜体"], ["underline", "ti-underline", "下划线"],
    ["formatBlock:h3", "ti-heading", "小标题"], ["formatBlock:p", "ti-pilcrow", "正文"],
    ["insertUnorderedList", "ti-list", "项目符号"], ["insertOrderedList", "ti-list-numbers", "编号"],
    ["removeFormat", "ti-clear-formatting", "清除格式"]
  ];
  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "btn-group mb-1 flex-wrap";
    var editor = document.createElement("div");
    editor.className = "form-control richtext-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.dataset.testid = "richtext-" + area.name;
    editor.innerHTML = area.value;
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-icon";
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.innerHTML = '<i class="ti ' + spec[1] + '"></i>';
      button.addEventListener("click", function () {
        var parts = spec[0].split(":");
        editor.focus();
        document.execCommand(parts[0], false, parts[1] || null);
        area.value = editor.innerHTML;
      });
      bar.appendChild(button);
    });
    editor.addEventListener("input", function () { area.value = editor.innerHTML; });
    area.classList.add("d-none");
    area.parentNode.insertBefore(bar, area);
    area.parentNode.insertBefore(editor, area);
    if (area.form) {
      area.form.addEventListener("submit", function () { area.value = editor.innerHTML; });
    }
  });
})();

/* Charts: an element with data-chart="<id>" is drawn as a bar chart from the JSON in the
   script element of that id ({"labels": [...], "values": [...]}), once ECharts is loaded on
   the page (the survey statistics); {"labels", "series": [{"name", "type", "values"}]} draws
   several bar and line series (the budget execution). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (!window.echarts) { return; }
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    if (data.series) {  /* several series: bars and lines with a legend (the budget execution) */
      chart.setOption({
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        xAxis: { type: "category", data: data.labels },
        yAxis: { type: "value" },
        series: data.series.map(function (s) {
          return { name: s.name, type: s.type, data: s.values.map(Number), smooth: s.type === "line" };
        })
      });
      window.addEventListener("resize", function () { chart.resize(); });
      return;
    }
    chart.setOption({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, overflow: "truncate", width: 80 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: data.values, itemStyle: { color: "#206bc4" }, label: { show: true, position: "top" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
