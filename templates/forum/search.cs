<?cs set:page.title = L.search.title ?><?cs include:"header.cs" ?>
<h1 id="search-h"><?cs var:L.search.heading ?></h1>
<form action="/search" method="get" class="search-page-form" role="search" aria-labelledby="search-h">
  <div class="field">
    <label for="q"><?cs var:L.search.query ?></label>
    <input id="q" name="q" type="search" value="<?cs var:d.q ?>" maxlength="200"<?cs call:described("q", "") ?>>
    <?cs call:field_error("q") ?>
  </div>
  <div class="field">
    <label for="type"><?cs var:L.search.type ?></label>
    <select id="type" name="type">
      <option value="all"<?cs if:d.type == "all" ?> selected<?cs /if ?>><?cs var:L.search.type_all ?></option>
      <option value="thread"<?cs if:d.type == "thread" ?> selected<?cs /if ?>><?cs var:L.search.type_thread ?></option>
      <option value="post"<?cs if:d.type == "post" ?> selected<?cs /if ?>><?cs var:L.search.type_post ?></option>
      <option value="idea"<?cs if:d.type == "idea" ?> selected<?cs /if ?>><?cs var:L.ideas.search_type ?></option>
      <option value="review"<?cs if:d.type == "review" ?> selected<?cs /if ?>><?cs var:L.reviews.search_type ?></option>
    </select>
  </div>
  <div class="field">
    <label for="c"><?cs var:L.search.category ?></label>
    <select id="c" name="c">
      <option value=""><?cs var:L.search.any_category ?></option>
      <?cs each:c = categories ?><option value="<?cs var:c.slug ?>"<?cs if:d.c == c.slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
    </select>
  </div>
  <div class="field">
    <label for="p"><?cs var:L.reviews.search_product ?></label>
    <select id="p" name="p">
      <option value=""><?cs var:L.reviews.any_product ?></option>
      <?cs each:pr = products ?><option value="<?cs var:pr.sku ?>"<?cs if:d.p == pr.sku ?> selected<?cs /if ?>><?cs var:pr.name ?></option><?cs /each ?>
    </select>
  </div>
  <button type="submit" class="button"><?cs var:L.search.submit ?></button>
</form>
<?cs if:d.q ?>
  <?cs if:subcount(d.threads) ?>
  <section aria-labelledby="rt-h"><h2 id="rt-h"><?cs var:L.search.threads ?></h2>
    <ul class="thread-list"><?cs each:t = d.threads ?><?cs call:thread_row(t) ?><?cs /each ?></ul>
  </section>
  <?cs /if ?>
  <?cs if:subcount(d.posts) ?>
  <section aria-labelledby="rp-h"><h2 id="rp-h"><?cs var:L.search.posts ?></h2>
    <ol class="results">
    <?cs each:p = d.posts ?>
      <li><a class="result-title" href="<?cs var:p.url ?>"><?cs var:p.title ?></a>
        <p class="snippet"><?cs each:s = p.snippet ?><?cs if:s.mark ?><mark><?cs var:s.text ?></mark><?cs else ?><?cs var:s.text ?><?cs /if ?><?cs /each ?></p>
        <p class="meta"><?cs var:L.forum.by ?> <?cs var:p.author ?> · <?cs call:time(p.created_at) ?></p></li>
    <?cs /each ?>
    </ol>
  </section>
  <?cs /if ?>
  <?cs if:subcount(d.reviews) ?>
  <section aria-labelledby="rr-h"><h2 id="rr-h"><?cs var:L.reviews.search_heading ?></h2>
    <ol class="results">
    <?cs each:rv = d.reviews ?>
      <li><a class="result-title" href="<?cs var:rv.url ?>"><?cs var:rv.title ?></a> <span class="meta">(<?cs var:rv.rating ?>/5) <?cs var:L.search.in ?> <a href="/p/<?cs var:rv.sku ?>"><?cs var:rv.product ?></a></span>
        <p class="snippet"><?cs each:s = rv.snippet ?><?cs if:s.mark ?><mark><?cs var:s.text ?></mark><?cs else ?><?cs var:s.text ?><?cs /if ?><?cs /each ?></p>
        <p class="meta"><?cs var:L.forum.by ?> <?cs var:rv.author ?> · <?cs call:time(rv.created_at) ?></p></li>
    <?cs /each ?>
    </ol>
  </section>
  <?cs /if ?>
  <?cs if:subcount(d.ideas) ?>
  <section aria-labelledby="ri-h"><h2 id="ri-h"><?cs var:L.ideas.search_heading ?></h2>
    <ol class="results">
    <?cs each:i = d.ideas ?>
      <li><a class="result-title" href="/ideas/<?cs var:i.id ?>"><?cs var:i.title ?></a> <span class="meta">(<?cs var:L.ideas.status[i.status] ?>, <?cs var:i.vote_count ?> <?cs call:plural(i.vote_count, L.ideas.vote_one, L.ideas.votes) ?>)</span>
        <p class="snippet"><?cs each:s = i.snippet ?><?cs if:s.mark ?><mark><?cs var:s.text ?></mark><?cs else ?><?cs var:s.text ?><?cs /if ?><?cs /each ?></p>
        <p class="meta"><?cs var:L.forum.by ?> <?cs var:i.author ?> · <?cs call:time(i.created_at) ?></p></li>
    <?cs /each ?>
    </ol>
  </section>
  <?cs /if ?>
  <?cs if:!subcount(d.ideas) && !subcount(d.threads) && !subcount(d.posts) && !subcount(d.reviews) ?><p class="empty"><?cs var:L.search.none ?></p><?cs /if ?>
  <?cs call:pager("/search?q=" + url_escape(d.q) + "&type=" + d.type + "&c=" + d.c + "&p=" + d.p, "&") ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
