/**
 * graphql-js, loaded once. It is an optional peer dependency of the package (production installs
 * do not carry it), so a missing copy is a message saying what to install, not a stack trace.
 */
import type * as GraphQL from 'graphql';

let lib: typeof GraphQL;
try {
  lib = await import('graphql');
} catch (error) {
  throw new Error(
    "xoi-share-button/mock needs the 'graphql' package (v16) to run its GraphQL services: " +
      'npm install --save-dev graphql@16',
    { cause: error },
  );
}

export const graphql = lib;
