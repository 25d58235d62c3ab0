/**
 * The case process (processes/customer-case.bpmn) and its glue: starting and correlating it when messages arrive,
 * delegates that call the cases, routing and assistant modules, the Camunda webapps' single sign-on and the guard on
 * deployments. Its API is {@link io.omnicase.process.CaseWork} (a person's case tasks, claim, resolve, close), which
 * the desk's endpoints call, and {@link io.omnicase.process.ProcessDesign} (the designer's versions, deployments,
 * diffs, rollbacks and migrations of running cases, under /api/designer); its variables are typed
 * ({@link io.omnicase.process.ProcessVariable}). The only module that imports Camunda.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Case process")
package io.omnicase.process;
