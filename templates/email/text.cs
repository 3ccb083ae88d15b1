<?cs # The plain text part of every email (cgi/ctl/mail_compose.c fills
  mail.*). Rendered with the HTML escaping every template gets, which the
  sender undoes for this part. ?><?cs var:mail.greeting ?>

<?cs if:mail.heading ?><?cs var:mail.heading ?>

<?cs /if ?><?cs var:mail.intro ?>
<?cs each:i = mail.items ?>
* <?cs var:i.text ?>
<?cs if:i.detail ?>  <?cs var:L.notify.reason ?> <?cs var:i.detail ?>
<?cs /if ?><?cs if:i.excerpt ?>  “<?cs var:i.excerpt ?>”
<?cs /if ?>  <?cs var:i.url ?>
<?cs /each ?><?cs if:subcount(mail.threads) ?>
<?cs var:mail.threads_heading ?>:
<?cs each:t = mail.threads ?>
* <?cs var:t.text ?>
  <?cs var:t.url ?>
<?cs /each ?><?cs /if ?><?cs if:mail.action.url ?>
<?cs var:mail.action.text ?>:
<?cs var:mail.action.url ?>
<?cs /if ?><?cs if:mail.outro ?>
<?cs var:mail.outro ?>
<?cs /if ?>
-- 
<?cs var:L.notify.mail.why ?>
<?cs if:mail.unfollow_url ?><?cs var:L.notify.mail.unfollow ?>: <?cs var:mail.unfollow_url ?>
<?cs /if ?><?cs var:L.notify.mail.unsubscribe ?>: <?cs var:mail.unsubscribe_url ?>
<?cs var:L.notify.mail.settings ?>: <?cs var:mail.settings_url ?>
