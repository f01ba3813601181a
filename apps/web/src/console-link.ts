// The main page's link to the console of the local server, shown while the endpoint is the local
// server. Following it hands the project and token over, so that the console lists the same images.
import { handConnectionToConsole, isLocalServerEndpoint } from "./local-server.js";

export function linkToConsole(form: HTMLFormElement) {
  const link = document.querySelector<HTMLElement>("#console-link");
  const endpoint = form.elements.namedItem("endpoint");
  if (!link || !(endpoint instanceof HTMLInputElement)) return;
  const value = (name: string) => {
    const control = form.elements.namedItem(name);
    return control instanceof HTMLInputElement ? control.value.trim() : "";
  };
  const update = () => {
    link.hidden = !isLocalServerEndpoint(endpoint.value);
  };
  endpoint.addEventListener("input", update);
  endpoint.addEventListener("change", update);
  link.querySelector("a")?.addEventListener("click", () => {
    handConnectionToConsole({ projectId: value("projectId"), token: value("token") });
  });
  update();
}
