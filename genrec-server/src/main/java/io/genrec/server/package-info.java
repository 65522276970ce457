/**
 * GenRec as a running system: {@code store} keeps events and catalogue items durably, {@code service} answers
 * recommendation requests from fitted models (the one API the HTTP server and the MCP tools both call).
 */
package io.genrec.server;
