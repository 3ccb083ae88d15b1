<?cs set:page.title = L.home.title ?><?cs set:nav = "forum" ?><?cs include:"header.cs" ?>
<section class="hero">
  <h1><?cs var:L.home.heading ?></h1>
  <p><?cs var:L.home.intro ?></p>
  <?cs if:me.id ?><p class="hello"><?cs var:L.home.hello ?> <strong><?cs var:me.name ?></strong> · <a class="button" href="/t/new"><?cs var:L.forum.new_thread ?></a></p>
  <?cs else ?><p><a class="button" href="/register"><?cs var:L.home.join ?></a></p><?cs /if ?>
</section>
<div class="home-grid">
  <section aria-labelledby="cats-h">
    <h2 id="cats-h"><?cs var:L.forum.categories ?></h2>
    <ul class="category-list">
    <?cs each:c = d.categories ?>
      <li>
        <a class="category-name" href="/c/<?cs var:c.slug ?>"><?cs var:c.name ?></a>
        <p><?cs var:c.description ?></p>
        <p class="meta"><?cs var:c.thread_count ?> <?cs call:plural(c.thread_count, L.forum.thread_one, L.forum.threads) ?> · <?cs var:c.post_count ?> <?cs call:plural(c.post_count, L.forum.post_one, L.forum.posts) ?></p>
      </li>
    <?cs /each ?>
    </ul>
  </section>
  <section aria-labelledby="latest-h">
    <h2 id="latest-h"><?cs var:L.forum.latest ?></h2>
    <?cs if:subcount(d.latest) ?><ul class="thread-list"><?cs each:t = d.latest ?><?cs call:thread_row(t) ?><?cs /each ?></ul>
    <?cs else ?><p class="empty"><?cs var:L.forum.no_threads ?></p><?cs /if ?>
  </section>
  <?cs include:"reviews/macros.cs" ?><section aria-labelledby="top-products-h">
    <h2 id="top-products-h"><?cs var:L.reviews.top_rated ?></h2>
    <?cs if:subcount(d.top_products) ?><ul class="top-products"><?cs each:p = d.top_products ?>
      <li><a class="product-name" href="/p/<?cs var:p.sku ?>"><?cs var:p.name ?></a> <?cs call:stars_show(p.stars_class, p.average_text) ?>
        <span class="meta"><strong><?cs var:p.average_text ?></strong> · <?cs call:review_count(p.review_count) ?></span></li><?cs /each ?></ul>
    <p><a href="/products"><?cs var:L.reviews.all_products ?></a></p>
    <?cs else ?><p class="empty"><?cs var:L.reviews.no_reviews ?></p><?cs /if ?>
  </section>
  <section aria-labelledby="trending-ideas-h">
    <h2 id="trending-ideas-h"><?cs var:L.ideas.trending ?></h2>
    <?cs if:subcount(d.trending_ideas) ?><ul class="trending-ideas"><?cs each:i = d.trending_ideas ?>
      <li><a href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a> <span class="meta"><?cs var:i.vote_count ?> <?cs call:plural(i.vote_count, L.ideas.vote_one, L.ideas.votes) ?> · <?cs var:L.ideas.status[i.status] ?></span></li><?cs /each ?></ul>
    <?cs else ?><p class="empty"><?cs var:L.ideas.no_trending ?></p><?cs /if ?>
    <p><a href="/ideas?sort=trending"><?cs var:L.ideas.heading ?></a> · <a href="/roadmap"><?cs var:L.ideas.roadmap ?></a></p>
  </section>
</div>
<?cs include:"footer.cs" ?>
