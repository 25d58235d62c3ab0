/**
 * The case process (processes/customer-case.bpmn) and its glue: starting and correlating it when messages arrive,
 * delegates that call the cases and routing modules, agent actions that complete its tasks, and the Camunda webapps'
 * single sign-on. The only module that imports Camunda.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Case process")
package io.omnicase.process;
