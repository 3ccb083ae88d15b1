"""What several browser tests do: click and wait for the next page."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def replaced(element):
    """A wait condition: true once element's page has been replaced by the
    next one. While the next page loads, chromedriver may answer "Node with
    given id does not belong to the document" instead of a stale reference
    (EC.staleness_of lets that through and the test fails); both mean the
    page is gone."""
    def check(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    return check


def click_and_wait(driver, selector, timeout=20):
    """Clicks the element selector finds and waits for the next page to
    load."""
    old = driver.find_element(By.CSS_SELECTOR, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, timeout).until(replaced(old))
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.readyState") == "complete")
