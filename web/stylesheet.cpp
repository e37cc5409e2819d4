// web/stylesheet.cpp — see web/stylesheet.h.

#include "web/stylesheet.h"

namespace omvarld::web {

std::string_view stylesheet() {
  // Contrast on white (and on #f2f4f7): #1a1a1a 17:1, #5c6670 5.9:1
  // (5.4:1), #00538a 8.2:1 (7.5:1), #a3171e 7.4:1. The focus ring is the
  // accent, 3px, offset so it never hides the text.
  static constexpr std::string_view kCss = R"css(*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f2f4f7;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5}
a{color:#00538a;text-decoration:underline}
a:hover{text-decoration-thickness:2px}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,iframe:focus-visible{outline:3px solid #00538a;outline-offset:2px}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #00538a;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0;background:#ffffff;color:#00538a;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
header{background:#00538a;color:#ffffff}
header nav ul{list-style:none;margin:0 auto;padding:8px 12px;max-width:60rem;display:flex;flex-wrap:wrap;gap:4px 16px}
header nav a{color:#ffffff;display:inline-block;padding:6px 0;font-weight:bold}
header nav a:focus,header nav a:focus-visible{outline-color:#ffffff}
main{display:block;max-width:60rem;margin:0 auto;padding:16px 12px;background:#ffffff;border:1px solid #dde1e6;border-width:0 0 1px 0}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 12px 0}
h2{font-size:1.0625rem;line-height:1.3;color:#00538a;margin:24px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #dde1e6}
h3{font-size:1rem;line-height:1.4;margin:0}
h1,h2,h3{overflow-wrap:break-word}
p{margin:0 0 8px 0}
ul.items,ul.namnder,ul.digests,ul.deadlines{list-style:none;margin:0;padding:0}
li.item,ul.namnder li,ul.digests li,ul.deadlines li{padding:10px 0;border-bottom:1px solid #dde1e6;overflow-wrap:anywhere}
.meta,.lead,footer{color:#5c6670;font-size:0.875rem}
.meta,.why,.deadline,.snippet{margin:2px 0 0 0}
.why,.snippet{font-size:0.875rem}
.deadline{color:#a3171e;font-weight:bold;font-size:0.875rem}
.notice{border-left:4px solid #00538a;background:#f2f4f7;padding:8px 12px}
form.filters{display:grid;grid-template-columns:1fr;gap:8px;margin:0 0 16px 0}
form.filters label{display:block;font-weight:bold;font-size:0.875rem}
input,select,button{font:inherit;color:#1a1a1a;max-width:100%}
input,select{width:100%;padding:8px;border:1px solid #5c6670;border-radius:2px;background:#ffffff}
button{padding:8px 16px;border:0;border-radius:2px;background:#00538a;color:#ffffff;font-weight:bold;cursor:pointer;min-height:44px}
.pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:16px;padding:0;margin:16px 0}
.pager a{display:inline-block;padding:8px 0}
pre.digest-text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Consolas,Menlo,monospace;font-size:0.875rem;background:#f2f4f7;padding:12px}
footer{max-width:60rem;margin:0 auto;padding:12px}
@media (min-width:40rem){
main{padding:24px 32px;margin-top:16px;border-width:1px}
h1{font-size:1.625rem}
form.filters{grid-template-columns:2fr 1fr 1fr 1fr auto;align-items:end}
}
)css";
  return kCss;
}

Response stylesheet_response(const Request& /*request*/, Site& /*site*/) {
  Response response;
  response.content_type = "text/css; charset=utf-8";
  response.body = std::string(stylesheet());
  response.headers.emplace_back("Cache-Control", "public, max-age=604800");
  return response;
}

}  // namespace omvarld::web
