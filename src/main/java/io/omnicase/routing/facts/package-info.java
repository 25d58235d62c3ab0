/**
 * The constants the routing rules compare facts with (channel, tier, case status, sentiment): routing's own enums, so
 * the rule text names only routing's classes. The routing module maps the other modules' values to these at its
 * boundary ({@code routing.internal.FactValues}); stored facts keep the constants' names.
 */
package io.omnicase.routing.facts;
