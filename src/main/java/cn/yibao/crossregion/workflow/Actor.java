package cn.yibao.crossregion.workflow;

/**
 * Who changes the rules, for the activation history. Until the service authenticates its users
 * every change is by "anonymous"; with authentication it becomes the principal's name.
 */
final class Actor {

    private Actor() {
    }

    static String current() {
        return "anonymous";
    }
}
