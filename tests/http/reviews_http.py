"""Helpers of the tests that write reviews: products and orders imported
with tertuliactl, the review form posted as a browser posts it, a
product's JSON twin, helpful votes."""

import os
import re
import secrets
import tempfile

import tertulia_http as th


# ------------------------------------------------------------------ products, orders

def new_sku(prefix="T"):
    """A SKU no other test uses."""
    return "%s%s-%d" % (prefix, th.RUN.upper(), secrets.randbelow(10 ** 9))


def write_csv(text):
    """Writes text to a new temporary .csv file; returns its path (the
    caller removes it)."""
    f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8")
    f.write(text)
    f.close()
    return f.name


def import_products(stack, rows, check=True):
    """Imports products (sku, name, description, category, active) with the
    command line; returns the finished process."""
    lines = ["sku,name,description,category,active"]
    q = lambda v: '"%s"' % v.replace('"', '""')
    for sku, name, desc, cat, active in rows:
        lines.append("%s,%s,%s,%s,%s" % (sku, q(name), q(desc), cat, active))
    path = write_csv("\n".join(lines) + "\n")
    try:
        return stack.ctl("products", "import", path, check=check)
    finally:
        os.unlink(path)


def import_order(stack, email, sku):
    """Records that email bought sku, with `tertuliactl orders import`."""
    path = write_csv("email,sku,date,order_id\n%s,%s,2026-01-05,O-%s\n" % (email, sku, new_sku()))
    try:
        stack.ctl("orders", "import", path)
    finally:
        os.unlink(path)


def make_product(stack, name="Test product", category="Testing"):
    """A product of a test's own, so that no other test's summary moves:
    its SKU."""
    sku = new_sku()
    import_products(stack, [(sku, name, "Made for a test.", category, "1")])
    return sku


# ------------------------------------------------------------------ writing a review

def review_form(c, sku):
    """The review form of a product (asserts 200)."""
    r = c.get("/p/%s/review" % sku)
    assert r.status_code == 200, r.status_code
    return r


def write_review(c, sku, rating=4, title="A fair title", body="A fair **review**.",
                 nonce=None, **extra):
    """POSTs the review form as a browser does (token and nonce of the form,
    and the review it edits when the member wrote one); returns the answer."""
    form = review_form(c, sku)
    data = {"csrf": th.csrf_of(form.text), "rating": str(rating), "title": title,
            "body": body, "nonce": nonce or th.input_value(form.text, "nonce")}
    edit = re.search(r'name="edit" value="(\d+)"', form.text)
    if edit:
        data["edit"] = edit.group(1)
    data.update(extra)
    return c.post("/p/%s/review" % sku, data=data)


def review_id_of(response):
    """The id of the review a 303 answer to the review form points to."""
    assert response.status_code == 303, "answered %d: %s" % (
        response.status_code, th.field_errors(response.text) or response.text[:300])
    m = re.search(r"(?:#r|/reviews/)(\d+)$", response.headers["Location"])
    assert m, response.headers["Location"]
    return int(m.group(1))


def new_review(c, sku, *args, **kw):
    """Writes a review (the arguments of write_review) that must be
    accepted; returns its id."""
    return review_id_of(write_review(c, sku, *args, **kw))


# ------------------------------------------------------------------ reading, voting

def product_json(c, sku, query=""):
    """The JSON twin of a product's page (asserts 200)."""
    r = c.get("/p/%s.json%s" % (sku, query))
    assert r.status_code == 200, r.text
    return r.json()


def review_of(c, sku, rid, query=""):
    """Review rid as the product's JSON twin shows it to c, or None."""
    for rv in product_json(c, sku, query).get("reviews", []):
        if rv["id"] == rid:
            return rv
    return None


def token(c):
    """The CSRF token of this client's session (stable while it lasts)."""
    if not getattr(c, "_csrf", None):
        c._csrf = c.token("/products")
    return c._csrf


def vote_helpful(c, rid, helpful, **kw):
    """Votes a review helpful ("yes") or not ("no"); returns the answer."""
    return c.post("/reviews/%d/helpful" % rid, data={"csrf": token(c), "helpful": helpful}, **kw)
