export { Disposable } from "./disposable";
