// A helper of the hidden cases (its name starts with _, so it holds no cases): the routes of a
// small app, added in an order that does not match their precedence.
import { Router } from "router";

export function appRouter(): Router {
  const router = new Router();
  router.add("home", "/");
  router.add("about", "/about");
  router.add("team", "/about/team");
  router.add("user", "/users/:id");
  router.add("user-posts", "/users/:id/posts/:postId");
  router.add("users-any", "/users/*rest");
  router.add("new-user", "/users/new");
  router.add("section-new", "/:section/new");
  router.add("list", "/list/:page?");
  router.add("file", "/projects/:project/files/*path");
  return router;
}
