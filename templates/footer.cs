</main>
<footer class="site-footer">
  <p><?cs var:L.site.footer ?></p>
  <form class="lang-switch" action="/lang" method="post">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="next" value="<?cs var:here ?>">
    <span id="lang-label"><?cs var:L.site.language ?>:</span>
    <button type="submit" name="lang" value="en" aria-describedby="lang-label"<?cs if:lang == "en" ?> aria-pressed="true"<?cs /if ?> lang="en">English</button>
    <button type="submit" name="lang" value="es" aria-describedby="lang-label"<?cs if:lang == "es" ?> aria-pressed="true"<?cs /if ?> lang="es">Español</button>
  </form>
</footer>
</body>
</html>
