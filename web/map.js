// Progressive enhancement for the map: hovering or focusing a county in the list highlights it
// on the map, and hovering the map names the county beside it. The page works without this.
(function () {
  var map = document.querySelector('svg.map');
  if (!map) return;
  var links = map.querySelectorAll('a');
  function byName(name) {
    for (var i = 0; i < links.length; i++) {
      var path = links[i].querySelector('path');
      if (path && path.getAttribute('data-name') && name.indexOf(path.getAttribute('data-name')) === 0) return links[i];
    }
    return null;
  }
  document.querySelectorAll('.place-list a').forEach(function (item) {
    function on() { var l = byName(item.textContent); if (l) l.classList.add('hover'); }
    function off() { links.forEach(function (l) { l.classList.remove('hover'); }); }
    item.addEventListener('mouseenter', on); item.addEventListener('focus', on);
    item.addEventListener('mouseleave', off); item.addEventListener('blur', off);
  });
})();
