<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="<?cs var:lang ?>">
  <title><?cs var:d.product.name ?> · <?cs var:L.site.name ?></title>
  <id><?cs var:origin ?>/p/<?cs var:d.product.sku ?></id>
  <link rel="alternate" type="text/html" href="<?cs var:origin ?>/p/<?cs var:d.product.sku ?>"/>
  <link rel="self" type="application/atom+xml" href="<?cs var:origin ?>/p/<?cs var:d.product.sku ?>/feed"/>
  <updated><?cs if:d.reviews.0.created_at.iso ?><?cs var:d.reviews.0.created_at.iso ?><?cs else ?>1970-01-01T00:00:00Z<?cs /if ?></updated>
<?cs each:v = d.reviews ?>  <entry>
    <title><?cs var:v.rating ?>/5 · <?cs var:v.title ?></title>
    <id><?cs var:origin ?>/reviews/<?cs var:v.id ?></id>
    <link rel="alternate" type="text/html" href="<?cs var:origin ?>/reviews/<?cs var:v.id ?>"/>
    <author><name><?cs var:v.author ?></name></author>
    <published><?cs var:v.created_at.iso ?></published>
    <updated><?cs var:v.updated_at.iso ?></updated>
    <summary type="text"><?cs var:v.summary ?></summary>
  </entry>
<?cs /each ?></feed>
