<?cs set:page.title = L.reviews.products_title ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?><?cs include:"reviews/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:L.reviews.products_heading ?></h1>
    <p class="lead"><?cs var:L.reviews.products_intro ?></p>
  </div>
  <?cs if:me.roles.staff || me.roles.admin ?><a class="button button-secondary" href="/admin/products"><?cs var:L.reviews.admin_heading ?></a><?cs /if ?>
</div>
<?cs if:subcount(d.categories) ?>
<nav class="tabs" aria-label="<?cs var:L.reviews.category_label ?>">
  <a href="/products"<?cs if:!d.category ?> aria-current="page"<?cs /if ?>><?cs var:L.reviews.all_categories ?></a>
  <?cs each:c = d.categories ?><a href="/products?category=<?cs var:url_escape(c.name) ?>"<?cs if:d.category == c.name ?> aria-current="page"<?cs /if ?>><?cs var:c.name ?></a><?cs /each ?>
</nav>
<?cs /if ?>
<?cs if:subcount(d.products) ?>
<ul class="product-list">
<?cs each:p = d.products ?>
  <li class="product-card">
    <?cs if:p.image_url ?><img class="product-thumb" src="<?cs var:p.image_url ?>" alt="" width="64" height="64"><?cs else ?><span class="product-thumb product-placeholder" aria-hidden="true"><?cs var:initial(p.name) ?></span><?cs /if ?>
    <div>
      <a class="product-name" href="/p/<?cs var:p.sku ?>"><?cs var:p.name ?></a>
      <p class="meta"><?cs var:p.category ?></p>
      <p class="product-rating"><?cs if:p.summary.count > 0 ?><?cs call:stars_show(p.summary.stars_class, p.summary.average_text) ?> <strong><?cs var:p.summary.average_text ?></strong> · <?cs call:review_count(p.summary.count) ?><?cs else ?><span class="empty"><?cs var:L.reviews.no_reviews ?></span><?cs /if ?></p>
    </div>
  </li>
<?cs /each ?>
</ul>
<?cs else ?><p class="empty"><?cs var:L.reviews.no_products ?></p><?cs /if ?>
<?cs call:pager("/products?category=" + url_escape(d.category), "&") ?>
<?cs include:"footer.cs" ?>
