<?cs # reviews/macros.cs: pieces of the product and review pages, and of the
   home page's top products (forum/home.cs). Included after header.cs (which
   brings macros.cs: csrf_field, time, ...). ?>
<?cs include:"flag_macros.cs" ?>
<?cs # A row of five stars filled to `half` half-stars (0-10), read out as
   "VALUE out of 5". ?>
<?cs def:stars_show(half, value) ?><span class="stars stars-<?cs var:half ?>" role="img" aria-label="<?cs var:value ?> <?cs var:L.reviews.out_of ?>"><span class="stars-fill" aria-hidden="true"></span></span><?cs /def ?>
<?cs # "N reviews" with the right word for one. ?>
<?cs def:review_count(n) ?><?cs var:n ?> <?cs if:n == 1 ?><?cs var:L.reviews.review_one ?><?cs else ?><?cs var:L.reviews.reviews ?><?cs /if ?><?cs /def ?>
<?cs # One radio button of the star input: the label is the star people
   click (or reach with the arrow keys) and says what the rating means. ?>
<?cs def:star_radio(n, text) ?><input type="radio" id="rating-<?cs var:n ?>" name="rating" value="<?cs var:n ?>"<?cs if:form.rating == n ?> checked<?cs /if ?> required><label for="rating-<?cs var:n ?>" title="<?cs var:text ?>"><span aria-hidden="true">★</span><span class="visually-hidden"><?cs var:text ?></span></label><?cs /def ?>
<?cs # One review, with its helpful votes, its owner's actions and the
   company's response. `back` is where the vote form returns to; `single`
   is set on the review's own page. ?>
<?cs def:review_item(rv, back) ?><?cs if:!review_h ?><?cs set:review_h = 3 ?><?cs /if ?>
<li class="review<?cs if:rv.status != "visible" ?> review-<?cs var:rv.status ?><?cs /if ?>" id="r<?cs var:rv.id ?>">
  <article aria-labelledby="r<?cs var:rv.id ?>-title">
    <header class="review-head">
      <?cs call:stars_show(rv.rating * 2, rv.rating) ?>
      <h<?cs var:review_h ?> class="review-title" id="r<?cs var:rv.id ?>-title"><a href="/reviews/<?cs var:rv.id ?>"><?cs var:rv.title ?></a></h<?cs var:review_h ?>>
    </header>
    <p class="meta"><?cs var:L.reviews.by ?> <a href="/u/<?cs var:path_escape(rv.author) ?>"><?cs var:rv.author ?></a> · <?cs call:time(rv.created_at) ?><?cs if:rv.edited_at ?> (<?cs var:L.reviews.edited ?>)<?cs /if ?>
      <?cs if:rv.verified == "1" ?><span class="tag tag-verified"><?cs var:L.reviews.verified ?></span><?cs /if ?></p>
    <?cs if:rv.status == "held" ?><p class="notice notice-warn"><?cs var:L.reviews.held ?></p><?cs /if ?>
    <?cs if:rv.status == "hidden" ?><p class="notice notice-warn"><?cs var:L.reviews.hidden ?><?cs if:rv.mod_note ?> <?cs var:rv.mod_note ?><?cs /if ?></p><?cs /if ?>
    <div class="post-body"><?cs uvar:rv.html ?></div>
    <?cs if:rv.pros || rv.cons ?><dl class="pros-cons">
      <?cs if:rv.pros ?><div class="pros"><dt><?cs var:L.reviews.pros ?></dt><dd><?cs var:rv.pros ?></dd></div><?cs /if ?>
      <?cs if:rv.cons ?><div class="cons"><dt><?cs var:L.reviews.cons ?></dt><dd><?cs var:rv.cons ?></dd></div><?cs /if ?>
    </dl><?cs /if ?>
    <div class="review-actions">
      <?cs if:rv.helpful_total > 0 ?><span class="helpful-count"><?cs var:rv.helpful_yes ?> <?cs var:L.reviews.helpful_of ?> <?cs call:count(rv.helpful_total, "helpful") ?></span><?cs /if ?>
      <?cs if:me.id && me.id != rv.user_id && rv.status == "visible" ?>
      <form action="/reviews/<?cs var:rv.id ?>/helpful" method="post" class="inline-form helpful-form">
        <?cs call:csrf_field() ?><input type="hidden" name="next" value="<?cs var:back ?>#r<?cs var:rv.id ?>">
        <span id="r<?cs var:rv.id ?>-ask"><?cs var:L.reviews.helpful_ask ?></span>
        <button type="submit" name="helpful" value="yes" class="chip" aria-describedby="r<?cs var:rv.id ?>-ask"<?cs if:rv.my_vote == "yes" ?> aria-pressed="true"<?cs /if ?>><?cs var:L.reviews.helpful_yes ?></button>
        <button type="submit" name="helpful" value="no" class="chip" aria-describedby="r<?cs var:rv.id ?>-ask"<?cs if:rv.my_vote == "no" ?> aria-pressed="true"<?cs /if ?>><?cs var:L.reviews.helpful_no ?></button>
      </form>
      <?cs call:flag_form("reviews", rv.id) ?>
      <?cs /if ?>
      <?cs if:me.id && me.id == rv.user_id ?>
        <a class="chip" href="/p/<?cs var:d.product.sku ?>/review"><?cs var:L.reviews.edit_mine ?></a>
        <form action="/reviews/<?cs var:rv.id ?>/delete" method="post" class="inline-form" data-confirm="<?cs var:L.reviews.confirm_delete ?>"><?cs call:csrf_field() ?><button type="submit" class="chip chip-danger"><?cs var:L.reviews.delete ?></button></form>
      <?cs /if ?>
      <?cs call:moderate_link("review", rv.id) ?>
      <?cs if:can_respond && !single ?><a class="chip" href="/reviews/<?cs var:rv.id ?>#respond"><?cs if:rv.response_html ?><?cs var:L.reviews.edit_response ?><?cs else ?><?cs var:L.reviews.respond ?><?cs /if ?></a><?cs /if ?>
    </div>
    <?cs if:rv.response_html ?>
    <section class="response" id="response<?cs if:!single ?>-<?cs var:rv.id ?><?cs /if ?>" aria-labelledby="r<?cs var:rv.id ?>-response">
      <h<?cs var:review_h + 1 ?> id="r<?cs var:rv.id ?>-response"><span class="badge badge-staff"><?cs var:L.badge.staff ?></span> <?cs var:L.reviews.response_from ?></h<?cs var:review_h + 1 ?>>
      <p class="meta"><?cs call:time(rv.response_at) ?><?cs if:rv.response_edited_at ?> (<?cs var:L.reviews.edited ?>)<?cs /if ?></p>
      <div class="post-body"><?cs uvar:rv.response_html ?></div>
    </section>
    <?cs /if ?>
  </article>
</li>
<?cs /def ?>
