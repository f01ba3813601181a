// The shared test API (a Prism mock with errors: true, or TEST_API_BASE_URL), as inject("mockUrl").
export { default } from "@notebook-image/mock/vitest-global-setup";
