<?cs set:page.title = d.product.name ?><?cs set:page.description = d.product.description ?><?cs set:page.og_type = "product" ?><?cs set:page.feed = "/p/" + d.product.sku + "/feed" ?><?cs set:page.feed_title = d.product.name ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?><?cs include:"reviews/macros.cs" ?>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/products"><?cs var:L.reviews.products_title ?></a><?cs if:d.product.category ?> › <a href="/products?category=<?cs var:url_escape(d.product.category) ?>"><?cs var:d.product.category ?></a><?cs /if ?></nav>
<div class="product-head">
  <?cs if:d.product.image_url ?><img class="product-image" src="<?cs var:d.product.image_url ?>" alt="" width="160" height="160"><?cs else ?><span class="product-image product-placeholder" aria-hidden="true"><?cs var:initial(d.product.name) ?></span><?cs /if ?>
  <div>
    <h1><?cs var:d.product.name ?></h1>
    <p class="meta">SKU <?cs var:d.product.sku ?><?cs if:d.product.category ?> · <?cs var:d.product.category ?><?cs /if ?></p>
    <p class="product-description"><?cs var:d.product.description ?></p>
    <?cs include:"follow_macros.cs" ?><?cs call:follow_form(d.follow, "/p/" + d.product.sku) ?>
  </div>
</div>
<?cs if:notice_deleted ?><p class="notice notice-ok" role="status"><?cs var:L.reviews.deleted ?></p><?cs /if ?>
<div class="product-grid">
  <section class="rating-summary panel" aria-labelledby="summary-h">
    <h2 id="summary-h"><?cs var:L.reviews.average ?></h2>
    <?cs if:d.product.summary.count > 0 ?>
    <p class="average"><span class="average-number"><?cs var:d.product.summary.average_text ?></span>
      <?cs call:stars_show(d.product.summary.stars_class, d.product.summary.average_text) ?>
      <span class="meta"><?cs call:review_count(d.product.summary.count) ?></span></p>
    <?cs else ?><p class="empty"><?cs var:L.reviews.no_reviews ?></p><?cs /if ?>
    <h3 id="dist-h"><?cs var:L.reviews.distribution ?></h3>
    <ul class="distribution" aria-labelledby="dist-h">
    <?cs each:s = d.product.summary.stars ?>
      <li><a href="/p/<?cs var:d.product.sku ?>?sort=<?cs var:d.sort ?>&amp;star=<?cs var:s.star ?><?cs if:d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.star == s.star ?> aria-current="true"<?cs /if ?>>
        <span class="visually-hidden"><?cs var:L.reviews.show_only ?></span>
        <span class="dist-star"><?cs var:s.star ?> <?cs if:s.star == 1 ?><?cs var:L.reviews.star ?><?cs else ?><?cs var:L.reviews.stars ?><?cs /if ?></span>
        <meter min="0" max="100" value="<?cs var:s.percent ?>"><?cs var:s.percent ?>%</meter>
        <span class="dist-count"><?cs var:s.percent ?>% (<?cs var:s.count ?>)</span></a></li>
    <?cs /each ?>
    </ul>
    <div class="my-review">
    <?cs if:d.mine.id ?>
      <p><?cs var:L.reviews.you_rated ?> <?cs call:stars_show(d.mine.rating * 2, d.mine.rating) ?></p>
      <?cs if:d.mine.status == "held" ?><p class="notice notice-warn"><?cs var:L.reviews.held ?></p><?cs /if ?>
      <?cs if:d.mine.status == "hidden" ?><p class="notice notice-warn"><?cs var:L.reviews.hidden ?></p><?cs /if ?>
      <a class="button button-secondary" href="/p/<?cs var:d.product.sku ?>/review"><?cs var:L.reviews.edit_mine ?></a>
    <?cs elif:me.id ?>
      <a class="button" href="/p/<?cs var:d.product.sku ?>/review"><?cs var:L.reviews.write ?></a>
    <?cs else ?>
      <a class="button" href="/login?next=<?cs var:url_escape("/p/" + d.product.sku + "/review") ?>"><?cs var:L.reviews.login_to_review ?></a>
    <?cs /if ?>
    </div>
  </section>
  <section class="reviews-section" id="reviews" aria-labelledby="reviews-h">
    <h2 id="reviews-h"><?cs var:L.reviews.reviews_label ?></h2>
    <nav class="tabs" aria-label="<?cs var:L.reviews.sort_label ?>">
      <a href="/p/<?cs var:d.product.sku ?>?sort=helpful<?cs if:d.star ?>&amp;star=<?cs var:d.star ?><?cs /if ?><?cs if:d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.sort == "helpful" ?> aria-current="page"<?cs /if ?>><?cs var:L.reviews.sort_helpful ?></a>
      <a href="/p/<?cs var:d.product.sku ?>?sort=newest<?cs if:d.star ?>&amp;star=<?cs var:d.star ?><?cs /if ?><?cs if:d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.sort == "newest" ?> aria-current="page"<?cs /if ?>><?cs var:L.reviews.sort_newest ?></a>
      <a href="/p/<?cs var:d.product.sku ?>?sort=highest<?cs if:d.star ?>&amp;star=<?cs var:d.star ?><?cs /if ?><?cs if:d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.sort == "highest" ?> aria-current="page"<?cs /if ?>><?cs var:L.reviews.sort_highest ?></a>
      <a href="/p/<?cs var:d.product.sku ?>?sort=lowest<?cs if:d.star ?>&amp;star=<?cs var:d.star ?><?cs /if ?><?cs if:d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.sort == "lowest" ?> aria-current="page"<?cs /if ?>><?cs var:L.reviews.sort_lowest ?></a>
      <a class="tab-toggle" href="/p/<?cs var:d.product.sku ?>?sort=<?cs var:d.sort ?><?cs if:d.star ?>&amp;star=<?cs var:d.star ?><?cs /if ?><?cs if:!d.verified ?>&amp;verified=1<?cs /if ?>#reviews"<?cs if:d.verified ?> aria-current="true"<?cs /if ?>><span aria-hidden="true"><?cs if:d.verified ?>☑<?cs else ?>☐<?cs /if ?></span> <?cs var:L.reviews.verified_only ?></a>
    </nav>
    <?cs if:d.star || d.verified ?><p class="notice filter-notice"><?cs var:L.reviews.filtered ?>
      <?cs if:d.star ?><strong><?cs var:d.star ?> <?cs if:d.star == 1 ?><?cs var:L.reviews.star ?><?cs else ?><?cs var:L.reviews.stars ?><?cs /if ?></strong><?cs /if ?>
      <?cs if:d.verified ?><strong><?cs var:L.reviews.verified_only ?></strong><?cs /if ?>
      · <a href="/p/<?cs var:d.product.sku ?>?sort=<?cs var:d.sort ?>#reviews"><?cs var:L.reviews.clear_filters ?></a></p><?cs /if ?>
    <?cs if:subcount(d.reviews) ?>
    <ol class="reviews">
    <?cs each:rv = d.reviews ?><?cs call:review_item(rv, back) ?><?cs /each ?>
    </ol>
    <?cs elif:d.product.summary.count > 0 ?><p class="empty"><?cs var:L.reviews.no_match ?></p>
    <?cs else ?><p class="empty"><?cs var:L.reviews.no_reviews ?></p><?cs /if ?>
    <?cs call:pager(pager_base, "&") ?>
  </section>
</div>
<?cs include:"footer.cs" ?>
