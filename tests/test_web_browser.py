"""The pages in a real browser: Debian's chromium, driven through chromedriver by selenium.

A real uvicorn server serves a copy of the session's store on a free loopback port; chromium runs
headless with the flags this machine needs (no background networking: the machine has no internet,
and the pages must not need it). Screenshots go to each test's temporary folder. Without chromium
and chromedriver (``apt-get install chromium chromium-driver``; ``.ci/run`` installs them) every
test here is skipped, saying so.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from telex.store import Store
from telex.web.app import ServerSettings, create_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "real-browser tests need Debian's chromium and chromium-driver"
        " (apt-get install chromium chromium-driver; .ci/run installs them)",
        allow_module_level=True,
    )

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)
WAIT_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_store_path, tmp_path_factory):
    """``telex serve``'s application on uvicorn, in a thread, on a free loopback port."""
    import uvicorn

    path = tmp_path_factory.mktemp("browser") / "web.db"
    shutil.copy(web_store_path, path)
    port = _free_port()
    config = uvicorn.Config(create_app(ServerSettings(path)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "db": path}
    running.should_exit = True
    thread.join(timeout=WAIT_SECONDS)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def ids(web_store_path) -> dict[str, str]:
    with Store(web_store_path, read_only=True) as store:
        items = store.article_page(limit=None).items
    return {"hostile": items[0]["id"], "seed": items[1]["id"]}


def _wait(browser, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_SECONDS).until(condition, message=f"waiting for {what}")


def _console_errors(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _shot(browser, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000  # a page, not a blank
    return path


def test_clicking_a_quote_of_putin_lights_up_his_mention(server, browser, ids, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{server['url']}/articles/{ids['seed']}")
    facts = browser.execute_script("return JSON.parse(document.getElementById('facts').textContent)")
    (quote_id,) = [k for k, f in facts.items() if f["id"] == k and f.get("text") == "Je suis heureux de vous voir."]
    mention_ids = [link for link in facts[quote_id]["links"] if link.startswith("m")]
    assert mention_ids and {facts[m]["actor"] for m in mention_ids} == {"vladimir-putin"}
    quote = browser.find_element(By.CSS_SELECTOR, f'.run[data-target="{quote_id}"]')
    assert quote.text == "Je suis heureux de vous voir."
    assert "lit" not in quote.get_attribute("class")
    _shot(browser, tmp_path, "article-before-click")

    quote.click()

    _wait(browser, lambda b: "focus" in quote.get_attribute("class"), "the quote to be selected")
    for mention_id in mention_ids:
        runs = browser.find_elements(By.CSS_SELECTOR, ".run[data-spans]")
        lit = [run for run in runs if mention_id in run.get_attribute("data-spans").split()]
        assert lit and all("lit" in run.get_attribute("class").split() for run in lit)
        assert "Poutine" in "".join(run.text for run in lit)  # "Vladimir Poutine a lancé à son hôte"
    panel = browser.find_element(By.ID, "fact")
    assert "Vladimir Putin" in panel.text and "a lancé" in panel.text
    assert browser.current_url.endswith(f"#{quote_id}")
    other = browser.find_elements(By.CSS_SELECTOR, ".run.k-mention.lit")
    assert all(set(run.get_attribute("data-spans").split()) & set(mention_ids) for run in other)  # only his
    _shot(browser, tmp_path, "article-quote-selected")
    assert _console_errors(browser) == []


def test_the_actor_page_draws_the_event_timeline(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{server['url']}/actors/vladimir-putin")
    chart = browser.find_element(By.ID, "chart-timeline")
    _wait(browser, lambda b: chart.get_attribute("data-rendered") in ("true", "error"), "the chart")
    assert chart.get_attribute("data-rendered") == "true", chart.text
    bars = chart.find_elements(By.CSS_SELECTOR, "svg .mark-rect path")
    assert len(bars) >= 2  # one bar as source, one as target, at least
    assert all(bar.size["width"] > 0 and bar.size["height"] > 0 for bar in bars)
    assert "verbal cooperation" in chart.text  # the legend
    _shot(browser, tmp_path, "actor-putin")
    assert _console_errors(browser) == []


def test_the_events_page_draws_its_timeline_and_dyad_matrix(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{server['url']}/events")
    for name in ("timeline", "dyads"):
        chart = browser.find_element(By.ID, f"chart-{name}")
        _wait(browser, lambda b, chart=chart: chart.get_attribute("data-rendered") in ("true", "error"), name)
        assert chart.get_attribute("data-rendered") == "true", chart.text
        assert chart.find_elements(By.CSS_SELECTOR, "svg .mark-rect path")
    _shot(browser, tmp_path, "events")
    assert _console_errors(browser) == []


def test_a_hostile_article_is_shown_as_text_and_runs_no_script(server, browser, ids, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(f"{server['url']}/articles/{ids['hostile']}")
    text = browser.find_element(By.ID, "text")
    assert "<script>alert(1)</script>" in text.text and "<img src=x onerror=alert(1)>" in text.text
    assert browser.execute_script("return document.querySelectorAll('#text *:not(span.run)').length") == 0
    for run in text.find_elements(By.CSS_SELECTOR, ".run[data-target]"):
        run.click()  # the fact panel writes the hostile words too
    time.sleep(0.5)  # an injected onerror handler would have fired by now
    assert browser.execute_script("return window.__xss === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert browser.execute_script("return document.querySelectorAll('img, svg').length") == 0
    link = browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript:']")
    assert link == []
    _shot(browser, tmp_path, "hostile-article")
    assert _console_errors(browser) == []


def test_the_api_docs_render_offline(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(f"{server['url']}/docs")
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path"), "Swagger UI")
    paths = {element.text for element in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/api/v1/articles", "/api/v1/events", "/api/v1/quotes"} <= {p.replace("\u200b", "") for p in paths}
    _shot(browser, tmp_path, "docs")
