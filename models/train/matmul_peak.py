"""Writes models/train/matmul-peak.onnx: a bare MatMul the encoder benchmark times to estimate what this CPU
can do in onnxruntime (the FLOP bound the encoder's tokens/s is compared with)."""
import os
import onnx
from onnx import TensorProto, helper

g = helper.make_graph([helper.make_node('MatMul', ['A', 'B'], ['C'])], 'matmul',
                      [helper.make_tensor_value_info('A', TensorProto.FLOAT, ['n', 'k']),
                       helper.make_tensor_value_info('B', TensorProto.FLOAT, ['k', 'm'])],
                      [helper.make_tensor_value_info('C', TensorProto.FLOAT, ['n', 'm'])])
m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 14)])
m.ir_version = 8
onnx.checker.check_model(m)
onnx.save(m, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'matmul-peak.onnx'))
